namespace Snowferry.Service.Allowlists;

/// <summary>One dot-separated part of a table name or pattern, as <see cref="NameReader"/> read it.</summary>
/// <param name="Text">An unquoted part folded to upper case (a pattern's <c>*</c> kept); a quoted part exactly, its <c>""</c> read as <c>"</c>.</param>
/// <param name="Quoted">True when the part was in double quotes: exact, a <c>*</c> in it is a star.</param>
internal readonly record struct NamePart(string Text, bool Quoted);
