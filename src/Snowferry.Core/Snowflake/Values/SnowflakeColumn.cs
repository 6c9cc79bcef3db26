namespace Snowferry.Snowflake.Values;

/// <summary>One column of a result, from <c>resultSetMetaData.rowType</c>.</summary>
/// <param name="Name">Column name as Snowflake reports it (unquoted names are upper case).</param>
/// <param name="Type">The wire type, which picks the CLR type of the column's values; <see cref="SnowflakeType.Text"/> for a
/// type snowferry does not know (see <see cref="WireType"/>).</param>
/// <param name="Precision">Total digits of a <see cref="SnowflakeType.Fixed"/> column; null otherwise.</param>
/// <param name="Scale">Fraction digits of a fixed column, or of a time/timestamp column; null when unused.</param>
/// <param name="Length">Maximum characters of a text column; null when unused.</param>
/// <param name="ByteLength">Maximum bytes of a text or binary column; null when unused.</param>
/// <param name="Nullable">Whether the column may hold NULL.</param>
/// <param name="Database">Source database, or empty for computed columns.</param>
/// <param name="Schema">Source schema, or empty for computed columns.</param>
/// <param name="Table">Source table, or empty for computed columns.</param>
public sealed record SnowflakeColumn(
    string Name,
    SnowflakeType Type,
    int? Precision,
    int? Scale,
    long? Length,
    long? ByteLength,
    bool Nullable,
    string? Database,
    string? Schema,
    string? Table)
{
    private readonly string? _wireType;

    /// <summary>Zero-based position of the column in the row.</summary>
    public int Ordinal { get; init; }

    /// <summary>
    /// <c>rowType[].type</c> exactly as Snowflake sent it. It differs from <see cref="Type"/>'s name for an alias
    /// (<c>timestamp</c>) and for a type snowferry does not know (<c>file</c>, <c>interval_day_time</c>, ...), whose
    /// cells are kept as their exact text.
    /// </summary>
    public string WireType
    {
        get => _wireType ?? SnowflakeTypeNames.ToWireName(Type);
        init => _wireType = value;
    }

    /// <summary>True when snowferry does not know <see cref="WireType"/> and reads the cells as text.</summary>
    public bool IsUnknownType => _wireType is not null && !SnowflakeTypeNames.TryParse(_wireType, out _);
}
