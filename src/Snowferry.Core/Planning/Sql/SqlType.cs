using System.Globalization;

namespace Snowferry.Planning.Sql;

/// <summary>A Snowflake data type in a <c>CAST</c>, e.g. <c>DATE</c> or <c>NUMBER(38, 2)</c>.</summary>
internal sealed record SqlType
{
    private SqlType(string name, int? precision, int? scale)
    {
        Name = SqlKeyword.Check(name, nameof(name));
        Precision = precision;
        Scale = scale;
    }

    /// <summary><c>DATE</c>.</summary>
    public static SqlType Date { get; } = new("DATE", null, null);

    /// <summary>The type's keyword.</summary>
    public string Name { get; }

    /// <summary>Total digits of a NUMBER; null for other types.</summary>
    public int? Precision { get; }

    /// <summary>Fraction digits of a NUMBER; null for other types.</summary>
    public int? Scale { get; }

    /// <summary><c>NUMBER(precision, scale)</c>, within Snowflake's limits (precision 1-38, scale 0-precision).</summary>
    public static SqlType Number(int precision, int scale)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(precision, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(precision, 38);
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, precision);
        return new SqlType("NUMBER", precision, scale);
    }

    /// <summary>The type as SQL text.</summary>
    public override string ToString() => Precision is { } p
        ? string.Create(CultureInfo.InvariantCulture, $"{Name}({p}, {Scale ?? 0})")
        : Name;
}
