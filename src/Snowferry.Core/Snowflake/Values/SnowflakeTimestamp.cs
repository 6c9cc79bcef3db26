using System.Globalization;

namespace Snowferry.Snowflake.Values;

/// <summary>
/// A Snowflake TIMESTAMP exact to the nanosecond: seconds since 1970-01-01 00:00:00 plus nanoseconds, and for
/// TIMESTAMP_TZ the value's UTC offset. For TIMESTAMP_NTZ the seconds count the wall-clock time; for TIMESTAMP_LTZ
/// and TIMESTAMP_TZ they count the UTC instant.
/// </summary>
public readonly struct SnowflakeTimestamp : IEquatable<SnowflakeTimestamp>, IComparable<SnowflakeTimestamp>, ISpanFormattable
{
    private const long NanosPerSecond = 1_000_000_000;
    private const long NanosPerTick = 100;

    private readonly long _seconds;
    private readonly int _nanoseconds;
    private readonly short _offsetMinutes;
    private readonly bool _hasOffset;

    /// <summary>Creates a timestamp; <paramref name="offsetMinutes"/> null for NTZ/LTZ.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Nanoseconds outside 0..999,999,999 or offset beyond ±24 h.</exception>
    public SnowflakeTimestamp(long epochSeconds, int nanoseconds, int? offsetMinutes = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nanoseconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(nanoseconds, (int)NanosPerSecond);
        if (offsetMinutes is { } offset)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(Math.Abs(offset), 1440, nameof(offsetMinutes));
        }

        _seconds = epochSeconds;
        _nanoseconds = nanoseconds;
        _offsetMinutes = (short)offsetMinutes.GetValueOrDefault();
        _hasOffset = offsetMinutes.HasValue;
    }

    /// <summary>Whole seconds since the epoch (floor: <c>-0.5 s</c> is <c>-1</c> s and 500,000,000 ns).</summary>
    public long EpochSeconds => _seconds;

    /// <summary>Nanoseconds within the second, 0..999,999,999.</summary>
    public int Nanoseconds => _nanoseconds;

    /// <summary>UTC offset in minutes for TIMESTAMP_TZ; null otherwise.</summary>
    public int? OffsetMinutes => _hasOffset ? _offsetMinutes : null;

    /// <summary>The instant at offset zero (for NTZ, the wall clock read as UTC), truncated to 100 ns.</summary>
    public DateTimeOffset UtcInstant => new(DateTime.UnixEpoch.AddTicks(TicksSinceEpoch()), TimeSpan.Zero);

    /// <summary>The wall-clock time (the instant shifted by the offset, if any), truncated to 100 ns; kind Unspecified.</summary>
    public DateTime ToDateTime() =>
        DateTime.SpecifyKind(UtcInstant.DateTime.AddMinutes(_hasOffset ? _offsetMinutes : 0), DateTimeKind.Unspecified);

    /// <summary>The instant with its offset (zero when none), truncated to 100 ns.</summary>
    public DateTimeOffset ToDateTimeOffset() =>
        _hasOffset ? UtcInstant.ToOffset(TimeSpan.FromMinutes(_offsetMinutes)) : UtcInstant;

    /// <summary>Nanoseconds since the epoch, when that fits a long (years 1677..2262).</summary>
    /// <exception cref="OverflowException">Outside that range.</exception>
    public long ToEpochNanoseconds() => checked((_seconds * NanosPerSecond) + _nanoseconds);

    /// <summary>ISO 8601 with nine fraction digits: <c>2024-01-01T12:00:00.000000000</c>, plus <c>+01:00</c> for TZ.</summary>
    public override string ToString()
    {
        Span<char> buffer = stackalloc char[48];
        return TryFormat(buffer, out var written, default, null) ? new string(buffer[..written]) : UtcInstant.ToString("O", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>Writes <see cref="ToString()"/>'s text; format and provider are ignored.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        var wallSeconds = _seconds + (_hasOffset ? _offsetMinutes * 60L : 0);
        var days = Math.DivRem(wallSeconds, 86_400L, out var secondOfDay);
        if (secondOfDay < 0)
        {
            secondOfDay += 86_400;
            days--;
        }

        var epochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
        var dayNumber = epochDay + days;
        if (dayNumber < DateOnly.MinValue.DayNumber || dayNumber > DateOnly.MaxValue.DayNumber)
        {
            charsWritten = 0;
            return false;
        }

        var date = DateOnly.FromDayNumber((int)dayNumber);
        var invariant = CultureInfo.InvariantCulture;
        var time = $"T{secondOfDay / 3600:D2}:{secondOfDay / 60 % 60:D2}:{secondOfDay % 60:D2}.{_nanoseconds:D9}";
        var offset = "";
        if (_hasOffset)
        {
            var abs = Math.Abs((int)_offsetMinutes);
            offset = string.Create(invariant, $"{(_offsetMinutes < 0 ? '-' : '+')}{abs / 60:D2}:{abs % 60:D2}");
        }

        return destination.TryWrite(invariant, $"{date.ToString("yyyy-MM-dd", invariant)}{time}{offset}", out charsWritten);
    }

    /// <summary>Same instant, nanoseconds and offset.</summary>
    public bool Equals(SnowflakeTimestamp other) =>
        _seconds == other._seconds && _nanoseconds == other._nanoseconds
        && _hasOffset == other._hasOffset && _offsetMinutes == other._offsetMinutes;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SnowflakeTimestamp other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_seconds, _nanoseconds, _hasOffset, _offsetMinutes);

    /// <summary>Orders by instant (seconds, then nanoseconds), then by offset.</summary>
    public int CompareTo(SnowflakeTimestamp other)
    {
        var c = _seconds.CompareTo(other._seconds);
        if (c == 0)
        {
            c = _nanoseconds.CompareTo(other._nanoseconds);
        }

        return c != 0 ? c : OffsetMinutes.GetValueOrDefault(int.MinValue).CompareTo(other.OffsetMinutes.GetValueOrDefault(int.MinValue));
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(SnowflakeTimestamp left, SnowflakeTimestamp right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(SnowflakeTimestamp left, SnowflakeTimestamp right) => !left.Equals(right);

    /// <summary>Order by instant.</summary>
    public static bool operator <(SnowflakeTimestamp left, SnowflakeTimestamp right) => left.CompareTo(right) < 0;

    /// <summary>Order by instant.</summary>
    public static bool operator <=(SnowflakeTimestamp left, SnowflakeTimestamp right) => left.CompareTo(right) <= 0;

    /// <summary>Order by instant.</summary>
    public static bool operator >(SnowflakeTimestamp left, SnowflakeTimestamp right) => left.CompareTo(right) > 0;

    /// <summary>Order by instant.</summary>
    public static bool operator >=(SnowflakeTimestamp left, SnowflakeTimestamp right) => left.CompareTo(right) >= 0;

    private long TicksSinceEpoch() => checked((_seconds * TimeSpan.TicksPerSecond) + (_nanoseconds / NanosPerTick));
}
