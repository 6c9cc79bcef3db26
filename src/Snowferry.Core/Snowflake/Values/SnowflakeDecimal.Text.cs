using System.Globalization;

namespace Snowferry.Snowflake.Values;

public readonly partial struct SnowflakeDecimal : ISpanFormattable
{
    /// <summary>Parses wire text such as <c>"1234.50"</c>, <c>"-0.05"</c> or <c>"12"</c> exactly.</summary>
    /// <exception cref="FormatException">Not a plain decimal of at most 38 digits and scale 37.</exception>
    public static SnowflakeDecimal Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var value)
            ? value
            : throw new FormatException("Not a Snowflake NUMBER: expected [-]digits[.digits], at most 38 digits.");
    }

    /// <summary>Parses wire text; false when it is not a plain decimal of at most 38 digits and scale 37.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out SnowflakeDecimal value)
    {
        value = default;
        if (text.Length > 128)
        {
            return false;
        }

        Span<byte> utf8 = stackalloc byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 127)
            {
                return false;
            }

            utf8[i] = (byte)text[i];
        }

        return TryParse(utf8, out value);
    }

    /// <summary>Parses UTF-8 wire text; see <see cref="TryParse(ReadOnlySpan{char}, out SnowflakeDecimal)"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out SnowflakeDecimal value)
    {
        value = default;
        var i = 0;
        var negative = false;
        if (i < utf8.Length && (utf8[i] == (byte)'-' || utf8[i] == (byte)'+'))
        {
            negative = utf8[i] == (byte)'-';
            i++;
        }

        Int128 unscaled = 0;
        var digits = 0; // significant digits, leading zeros not counted
        var intDigits = 0;
        for (; i < utf8.Length && IsDigit(utf8[i]); i++, intDigits++)
        {
            if (!Accumulate(ref unscaled, ref digits, utf8[i]))
            {
                return false;
            }
        }

        if (intDigits == 0)
        {
            return false;
        }

        var scale = 0;
        if (i < utf8.Length && utf8[i] == (byte)'.')
        {
            i++;
            for (; i < utf8.Length && IsDigit(utf8[i]); i++, scale++)
            {
                if (!Accumulate(ref unscaled, ref digits, utf8[i]))
                {
                    return false;
                }
            }

            if (scale == 0)
            {
                return false;
            }
        }

        if (i != utf8.Length || scale > MaxScale)
        {
            return false;
        }

        value = new SnowflakeDecimal(negative ? -unscaled : unscaled, scale);
        return true;
    }

    /// <summary>The exact text with <see cref="Scale"/> fraction digits, e.g. <c>"-0.05"</c>.</summary>
    public override string ToString()
    {
        Span<char> buffer = stackalloc char[48];
        TryFormat(buffer, out var written, default, null);
        return new string(buffer[..written]);
    }

    /// <inheritdoc/>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>Writes <see cref="ToString()"/>'s text; format and provider are ignored (always invariant).</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        charsWritten = 0;
        Span<char> digits = stackalloc char[40];
        var magnitude = (UInt128)Int128.Abs(_unscaled);
        if (!magnitude.TryFormat(digits, out var count, default, CultureInfo.InvariantCulture))
        {
            return false;
        }

        var scale = (int)_scale;
        var intDigits = Math.Max(1, count - scale);
        var length = (Int128.IsNegative(_unscaled) ? 1 : 0) + intDigits + (scale > 0 ? scale + 1 : 0);
        if (destination.Length < length)
        {
            return false;
        }

        var pos = 0;
        if (Int128.IsNegative(_unscaled))
        {
            destination[pos++] = '-';
        }

        // Left-pad with zeros so there is at least one integer digit and `scale` fraction digits.
        var padded = intDigits + scale;
        for (var k = 0; k < padded; k++)
        {
            if (k == intDigits)
            {
                destination[pos++] = '.';
            }

            var source = k - (padded - count);
            destination[pos++] = source >= 0 ? digits[source] : '0';
        }

        charsWritten = pos;
        return true;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static bool Accumulate(ref Int128 unscaled, ref int digits, byte digit)
    {
        if (digits > 0 || digit != (byte)'0')
        {
            if (++digits > MaxPrecision)
            {
                return false;
            }
        }

        unscaled = unscaled * 10 + (digit - '0');
        return true;
    }
}
