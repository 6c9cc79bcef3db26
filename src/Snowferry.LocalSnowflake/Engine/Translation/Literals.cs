using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Snowferry.LocalSnowflake.Engine.Translation;

/// <summary>
/// Text constants read at compile time the way Snowflake reads them (AUTO formats), rendered as exact DuckDB
/// literals; null when the text is not a value of the type.
/// </summary>
internal static partial class Literals
{
    /// <summary>A wall clock (DuckDB TIMESTAMP literal) and the offset written with it, if any.</summary>
    internal sealed record TimestampText(string WallSql, int? OffsetMinutes);

    [GeneratedRegex(@"^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$")]
    private static partial Regex DecimalPattern();

    [GeneratedRegex(@"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{0,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$")]
    private static partial Regex TimestampPattern();

    [GeneratedRegex(@"^\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{0,9}))?)?\s*$")]
    private static partial Regex TimePattern();

    /// <summary>A decimal string rounded half away from zero to the target scale; throws when it overflows the precision.</summary>
    public static string? Decimal(string text, SnowType target)
    {
        var match = DecimalPattern().Match(text);
        if (!match.Success || (match.Groups[2].Length == 0 && match.Groups[3].Length == 0))
        {
            return null;
        }

        var digits = match.Groups[2].Value + match.Groups[3].Value;
        var exponent = match.Groups[4].Success ? int.Parse(match.Groups[4].Value, CultureInfo.InvariantCulture) : 0;
        var scale = match.Groups[3].Length - exponent;
        var unscaled = BigInteger.Parse("0" + digits, CultureInfo.InvariantCulture);
        if (scale > target.Scale)
        {
            var divisor = BigInteger.Pow(10, scale - target.Scale);
            var quotient = BigInteger.DivRem(unscaled, divisor, out var remainder);
            unscaled = remainder * 2 >= divisor ? quotient + 1 : quotient;
        }
        else if (scale < target.Scale)
        {
            unscaled *= BigInteger.Pow(10, target.Scale - scale);
        }

        if (unscaled >= BigInteger.Pow(10, target.Precision))
        {
            throw new SnowflakeSqlException("100039", "22003", $"Numeric value '{text}' is out of range");
        }

        var negative = match.Groups[1].Value == "-" && !unscaled.IsZero;
        var body = unscaled.ToString(CultureInfo.InvariantCulture).PadLeft(target.Scale + 1, '0');
        var formatted = target.Scale == 0 ? body : body[..^target.Scale] + "." + body[^target.Scale..];
        return $"CAST('{(negative ? "-" : "")}{formatted}' AS {target.DuckType})";
    }

    public static string? Double(string text)
    {
        var lower = text.ToLowerInvariant();
        if (lower is "nan" or "inf" or "+inf" or "-inf" or "infinity" or "+infinity" or "-infinity")
        {
            return $"CAST('{lower}' AS DOUBLE)";
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? $"CAST('{value.ToString("R", CultureInfo.InvariantCulture)}' AS DOUBLE)"
            : null;
    }

    public static string? Boolean(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "t" or "yes" or "y" or "on" or "1" => "TRUE",
        "false" or "f" or "no" or "n" or "off" or "0" => "FALSE",
        _ => null,
    };

    public static string? Date(string text)
    {
        var match = TimestampPattern().Match(text);
        if (!match.Success || !TryDate(match, out var date))
        {
            return null;
        }

        return $"DATE '{date:yyyy-MM-dd}'";
    }

    public static string? Time(string text)
    {
        var match = TimePattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var hour = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var second = match.Groups[3].Success ? int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
        if (hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        return string.Create(CultureInfo.InvariantCulture, $"TIME '{hour:D2}:{minute:D2}:{second:D2}.{Micros(match.Groups[4].Value):D6}'");
    }

    public static TimestampText? Timestamp(string text)
    {
        var match = TimestampPattern().Match(text);
        if (!match.Success || !TryDate(match, out var date))
        {
            return null;
        }

        var hour = match.Groups[4].Success ? int.Parse(match.Groups[4].Value, CultureInfo.InvariantCulture) : 0;
        var minute = match.Groups[5].Success ? int.Parse(match.Groups[5].Value, CultureInfo.InvariantCulture) : 0;
        var second = match.Groups[6].Success ? int.Parse(match.Groups[6].Value, CultureInfo.InvariantCulture) : 0;
        if (hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        int? offset = null;
        if (match.Groups[8].Success)
        {
            var zone = match.Groups[8].Value;
            if (zone == "Z")
            {
                offset = 0;
            }
            else
            {
                var digits = zone[1..].Replace(":", "", StringComparison.Ordinal);
                var hours = int.Parse(digits[..2], CultureInfo.InvariantCulture);
                var minutes = digits.Length > 2 ? int.Parse(digits[2..], CultureInfo.InvariantCulture) : 0;
                offset = (zone[0] == '-' ? -1 : 1) * ((hours * 60) + minutes);
                if (Math.Abs(offset.Value) > 18 * 60)
                {
                    return null;
                }
            }
        }

        var wall = string.Create(CultureInfo.InvariantCulture,
            $"TIMESTAMP '{date:yyyy-MM-dd} {hour:D2}:{minute:D2}:{second:D2}.{Micros(match.Groups[7].Value):D6}'");
        return new TimestampText(wall, offset);
    }

    public static string? Binary(string text)
    {
        if (text.Length % 2 != 0 || !text.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        return $"unhex('{text}')";
    }

    /// <summary>Fraction digits as microseconds: DuckDB keeps microseconds, so digits 7 to 9 are dropped.</summary>
    private static int Micros(string fraction) =>
        fraction.Length == 0 ? 0 : int.Parse(fraction.PadRight(6, '0')[..6], CultureInfo.InvariantCulture);

    private static bool TryDate(Match match, out DateOnly date)
    {
        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
        date = default;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }
}
