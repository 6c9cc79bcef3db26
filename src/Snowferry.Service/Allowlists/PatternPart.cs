namespace Snowferry.Service.Allowlists;

/// <summary>
/// One part of a <see cref="TablePattern"/>: an exact name, or a glob whose <c>*</c> matches any run of characters
/// (none included) of one part. Matching is ordinal: the names it sees are already folded, as Snowflake stores them.
/// </summary>
internal sealed class PatternPart
{
    private readonly string[] _pieces;

    private PatternPart(string text, bool isGlob)
    {
        Text = text;
        IsGlob = isGlob;
        _pieces = isGlob ? text.Split('*') : [text];
    }

    /// <summary>The exact name, or the glob with its <c>*</c>s.</summary>
    public string Text { get; }

    /// <summary>True when <see cref="Text"/> holds wildcards.</summary>
    public bool IsGlob { get; }

    /// <summary>A part as read: unquoted with a <c>*</c> is a glob, anything else exact.</summary>
    public static PatternPart From(NamePart part) => new(part.Text, !part.Quoted && part.Text.Contains('*', StringComparison.Ordinal));

    /// <summary>An exact part (a default filled in from the connection, whatever it holds).</summary>
    public static PatternPart Exact(string name) => new(name, isGlob: false);

    public bool Matches(string name)
    {
        if (!IsGlob)
        {
            return string.Equals(Text, name, StringComparison.Ordinal);
        }

        // Pieces between stars, in order, without overlap: the first anchored at the start, the last at the end, the
        // rest each at its leftmost place (leftmost is never worse for the pieces after it).
        var first = _pieces[0];
        var last = _pieces[^1];
        if (name.Length < first.Length + last.Length
            || !name.StartsWith(first, StringComparison.Ordinal)
            || !name.EndsWith(last, StringComparison.Ordinal))
        {
            return false;
        }

        var at = first.Length;
        var end = name.Length - last.Length;
        for (var i = 1; i < _pieces.Length - 1; i++)
        {
            var found = _pieces[i].Length == 0 ? at : name.IndexOf(_pieces[i], at, end - at, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            at = found + _pieces[i].Length;
        }

        return true;
    }

    /// <summary>The part as it would be written in a pattern: bare when it reads back unchanged, quoted when exact and odd.</summary>
    public override string ToString() => IsGlob ? Text : QualifiedTable.Display(Text);
}
