namespace Snowferry.Snowflake.Values;

/// <summary>A Snowflake TIME exact to the nanosecond: nanoseconds since midnight.</summary>
public readonly struct SnowflakeTime : IEquatable<SnowflakeTime>, IComparable<SnowflakeTime>, ISpanFormattable
{
    /// <summary>Nanoseconds in a day.</summary>
    public const long NanosecondsPerDay = 86_400_000_000_000;

    private readonly long _nanoseconds;

    /// <summary>Creates the time <paramref name="nanosecondsSinceMidnight"/> after midnight.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0 .. one day.</exception>
    public SnowflakeTime(long nanosecondsSinceMidnight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nanosecondsSinceMidnight);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(nanosecondsSinceMidnight, NanosecondsPerDay);
        _nanoseconds = nanosecondsSinceMidnight;
    }

    /// <summary>Nanoseconds since midnight.</summary>
    public long NanosecondsSinceMidnight => _nanoseconds;

    /// <summary>As <see cref="TimeOnly"/>, truncated to 100 ns.</summary>
    public TimeOnly ToTimeOnly() => new(_nanoseconds / 100);

    /// <summary>As <see cref="TimeSpan"/> since midnight, truncated to 100 ns.</summary>
    public TimeSpan ToTimeSpan() => new(_nanoseconds / 100);

    /// <summary><c>HH:mm:ss.fffffffff</c>.</summary>
    public override string ToString()
    {
        Span<char> buffer = stackalloc char[24];
        TryFormat(buffer, out var written, default, null);
        return new string(buffer[..written]);
    }

    /// <inheritdoc/>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>Writes <see cref="ToString()"/>'s text; format and provider are ignored.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        var seconds = Math.DivRem(_nanoseconds, 1_000_000_000L, out var nanos);
        return destination.TryWrite(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{seconds / 3600:D2}:{seconds / 60 % 60:D2}:{seconds % 60:D2}.{nanos:D9}",
            out charsWritten);
    }

    /// <inheritdoc/>
    public bool Equals(SnowflakeTime other) => _nanoseconds == other._nanoseconds;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SnowflakeTime other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _nanoseconds.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(SnowflakeTime other) => _nanoseconds.CompareTo(other._nanoseconds);

    /// <summary>Equality.</summary>
    public static bool operator ==(SnowflakeTime left, SnowflakeTime right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(SnowflakeTime left, SnowflakeTime right) => !left.Equals(right);

    /// <summary>Order.</summary>
    public static bool operator <(SnowflakeTime left, SnowflakeTime right) => left.CompareTo(right) < 0;

    /// <summary>Order.</summary>
    public static bool operator <=(SnowflakeTime left, SnowflakeTime right) => left.CompareTo(right) <= 0;

    /// <summary>Order.</summary>
    public static bool operator >(SnowflakeTime left, SnowflakeTime right) => left.CompareTo(right) > 0;

    /// <summary>Order.</summary>
    public static bool operator >=(SnowflakeTime left, SnowflakeTime right) => left.CompareTo(right) >= 0;
}
