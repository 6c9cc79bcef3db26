using Snowferry.LocalSnowflake.Engine.Translation;

namespace Snowferry.LocalSnowflake.Engine.Sql;

/// <summary>Where a node starts (for Snowflake's "line L at position P") and the source text it spans.</summary>
internal readonly record struct SourceSpan(int Line, int Column, int Start, int End);

internal abstract record Expr(SourceSpan Span);

internal sealed record NumberLiteral(SourceSpan Span, string Digits) : Expr(Span);

internal sealed record StringLiteral(SourceSpan Span, string Value) : Expr(Span);

internal sealed record BooleanLiteral(SourceSpan Span, bool Value) : Expr(Span);

internal sealed record NullLiteral(SourceSpan Span) : Expr(Span);

/// <summary><c>DATE '…'</c>, <c>TIMESTAMP '…'</c>: a string cast to the named type.</summary>
internal sealed record TypedLiteral(SourceSpan Span, SnowType Type, string Value) : Expr(Span);

/// <summary>A <c>?</c> placeholder; <see cref="Index"/> is 0-based in order of appearance.</summary>
internal sealed record Parameter(SourceSpan Span, int Index) : Expr(Span);

/// <summary>A column reference, optionally qualified (<c>T.C</c>, <c>S.T.C</c>); names as Snowflake resolves them.</summary>
internal sealed record ColumnRef(SourceSpan Span, IReadOnlyList<string> Parts) : Expr(Span);

/// <summary><c>*</c> or <c>T.*</c> in a select list.</summary>
internal sealed record StarExpr(SourceSpan Span, IReadOnlyList<string> Qualifier) : Expr(Span);

internal sealed record UnaryExpr(SourceSpan Span, string Operator, Expr Operand) : Expr(Span);

internal sealed record BinaryExpr(SourceSpan Span, string Operator, Expr Left, Expr Right) : Expr(Span);

internal sealed record IsNullExpr(SourceSpan Span, Expr Operand, bool Negated) : Expr(Span);

internal sealed record InListExpr(SourceSpan Span, Expr Operand, IReadOnlyList<Expr> Items, bool Negated) : Expr(Span);

internal sealed record BetweenExpr(SourceSpan Span, Expr Operand, Expr Low, Expr High, bool Negated) : Expr(Span);

internal sealed record LikeExpr(SourceSpan Span, Expr Operand, Expr Pattern, bool Negated, bool CaseInsensitive) : Expr(Span);

internal sealed record CaseExpr(SourceSpan Span, Expr? Operand, IReadOnlyList<(Expr When, Expr Then)> Branches, Expr? Else) : Expr(Span);

internal sealed record CastExpr(SourceSpan Span, Expr Operand, SnowType Target, bool Try) : Expr(Span);

internal sealed record FunctionCall(SourceSpan Span, string Name, IReadOnlyList<Expr> Arguments, bool Distinct, bool Star) : Expr(Span);

/// <summary>A table name as written: 1 to 3 parts, each already folded or kept as quoted.</summary>
internal sealed record ObjectName(SourceSpan Span, IReadOnlyList<string> Parts)
{
    public string Last => Parts[^1];
}

internal abstract record TableSource(SourceSpan Span, string? Alias);

internal sealed record NamedTableSource(SourceSpan Span, ObjectName Name, string? Alias) : TableSource(Span, Alias);

internal sealed record SubquerySource(SourceSpan Span, Query Query, string? Alias) : TableSource(Span, Alias);

internal sealed record SelectItem(Expr Expression, string? Alias);

internal sealed record OrderItem(Expr Expression, bool Descending, bool? NullsFirst);

internal sealed record CommonTableExpression(string Name, Query Query);

internal sealed record Query(
    SourceSpan Span,
    IReadOnlyList<CommonTableExpression> With,
    bool Distinct,
    IReadOnlyList<SelectItem> Items,
    TableSource? From,
    Expr? Where,
    IReadOnlyList<Expr> GroupBy,
    Expr? Having,
    IReadOnlyList<OrderItem> OrderBy,
    Expr? Limit,
    Expr? Offset);

internal abstract record Statement;

internal sealed record SelectStatement(Query Query) : Statement;

internal sealed record ColumnDefinition(SourceSpan Span, string Name, SnowType Type, bool Nullable);

internal sealed record CreateTableStatement(ObjectName Name, bool OrReplace, bool IfNotExists, IReadOnlyList<ColumnDefinition> Columns, Query? AsQuery) : Statement;

internal sealed record InsertStatement(ObjectName Name, IReadOnlyList<(string Name, SourceSpan Span)>? Columns, IReadOnlyList<IReadOnlyList<Expr>>? Rows, Query? Source) : Statement;

internal sealed record DropTableStatement(ObjectName Name, bool IfExists) : Statement;

internal sealed record DescribeTableStatement(ObjectName Name) : Statement;

/// <summary>A copy option's value: a string, a number, a keyword (TRUE, PARQUET...), or a parenthesised list.</summary>
internal sealed record CopyValue(SourceSpan Span, TokenKind Kind, string Text, IReadOnlyList<CopyOption>? Options = null, IReadOnlyList<string>? Strings = null);

/// <summary>One <c>NAME = value</c> of COPY INTO (the name folded to upper case).</summary>
internal sealed record CopyOption(SourceSpan Span, string Name, CopyValue Value);

/// <summary><c>COPY INTO 's3://…' FROM (query) options</c>: an unload to an external location.</summary>
internal sealed record CopyIntoLocationStatement(SourceSpan Span, string Location, Query Query, IReadOnlyList<CopyOption> Options) : Statement;
