using System.Globalization;
using System.Numerics;
using System.Text;
using Snowferry.Snowflake.Values;

namespace Snowferry.Tests.Transfer;

/// <summary>
/// The contract (docs/CONTRACT.md, "The job") written as plainly as possible over rows in memory, with no code
/// from the library: the independent reference the transfer's output is compared with. Values are the client's
/// decoded values (SnowflakeDecimal, double, string, bool, DateOnly, SnowflakeTimestamp...).
/// </summary>
internal static class ContractReference
{
    public enum Role
    {
        Month,
        EpochSecondsMonth,
        Key,
        Sum,
        Dropped,
    }

    /// <summary>The contract's white space: space, tab, line feed, carriage return, vertical tab, form feed.</summary>
    private static readonly char[] s_blank = [' ', '\t', '\n', '\r', '\v', '\f'];

    /// <summary>The default roles: temporal → month, numeric → sum, everything else → key.</summary>
    public static Role DefaultRole(SnowflakeType type) => type switch
    {
        SnowflakeType.Date or SnowflakeType.TimestampNtz or SnowflakeType.TimestampLtz or SnowflakeType.TimestampTz => Role.Month,
        SnowflakeType.Fixed or SnowflakeType.Real => Role.Sum,
        _ => Role.Key,
    };

    public static bool IsBlank(object? cell) => cell is null || (cell is string s && s.Trim(s_blank).Length == 0);

    /// <summary>Expected output rows (only the non-dropped columns, in source order), ordered by the keys, NULLs last.</summary>
    public static List<object?[]> Expected(IReadOnlyList<object?[]> sourceRows, IReadOnlyList<SnowflakeType> types, IReadOnlyList<Role> roles)
    {
        var kept = sourceRows.Where(row => !row.All(IsBlank)).ToList();
        var outputColumns = Enumerable.Range(0, roles.Count).Where(i => roles[i] != Role.Dropped).ToArray();
        var keyColumns = outputColumns.Where(i => roles[i] is not Role.Sum).ToArray();

        var groups = kept.GroupBy(
            row => new GroupKey(keyColumns.Select(i => KeyValue(row[i], types[i], roles[i])).ToArray()),
            GroupKey.Comparer);

        var result = new List<object?[]>();
        foreach (var group in groups)
        {
            var output = new object?[outputColumns.Length];
            for (var o = 0; o < outputColumns.Length; o++)
            {
                var column = outputColumns[o];
                output[o] = roles[column] == Role.Sum
                    ? Sum(group.Select(row => row[column]))
                    : KeyValue(group.First()[column], types[column], roles[column]);
            }

            result.Add(output);
        }

        var keyPositions = outputColumns.Select((column, position) => (column, position))
            .Where(x => roles[x.column] is not Role.Sum).Select(x => x.position).ToArray();
        result.Sort((a, b) =>
        {
            foreach (var p in keyPositions)
            {
                var c = CompareNullsLast(a[p], b[p]);
                if (c != 0)
                {
                    return c;
                }
            }

            return 0;
        });
        return result;
    }

    // NTZ is a wall clock and keeps its month; LTZ and TZ are instants, taken in UTC.
    private static object? KeyValue(object? value, SnowflakeType type, Role role) => (role, value) switch
    {
        (_, null) => null,
        (Role.Month, DateOnly d) => new DateOnly(d.Year, d.Month, 1),
        (Role.Month, SnowflakeTimestamp t) => MonthOf(type == SnowflakeType.TimestampNtz ? t.ToDateTime() : t.UtcInstant.UtcDateTime),
        (Role.EpochSecondsMonth, SnowflakeDecimal d) => MonthOf(DateTime.UnixEpoch.AddSeconds((long)(BigInteger)d.WithScale(0))),
        _ => value,
    };

    private static DateOnly MonthOf(DateTime time) => new(time.Year, time.Month, 1);

    /// <summary>A sum as the contract wants it: exact for NUMBER, NULL when every value is NULL.</summary>
    private static object? Sum(IEnumerable<object?> values)
    {
        var present = values.Where(v => v is not null).ToList();
        if (present.Count == 0)
        {
            return null;
        }

        if (present[0] is double)
        {
            return present.Sum(v => (double)v!);
        }

        var scale = present.Max(v => ((SnowflakeDecimal)v!).Scale);
        var total = BigInteger.Zero;
        foreach (var value in present.Cast<SnowflakeDecimal>())
        {
            total += (BigInteger)value.Unscaled * BigInteger.Pow(10, scale - value.Scale);
        }

        return FormatScaled(total, scale);
    }

    /// <summary>Exact decimal text with <paramref name="scale"/> fraction digits.</summary>
    public static string FormatScaled(BigInteger unscaled, int scale)
    {
        var digits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
        var text = scale == 0 ? digits : digits[..^scale] + "." + digits[^scale..];
        return unscaled.Sign < 0 ? "-" + text : text;
    }

    /// <summary>Snowflake's order: NULLs last, strings by their UTF-8 bytes, numbers by value.</summary>
    public static int CompareNullsLast(object? a, object? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => 1,
        (_, null) => -1,
        (string x, string y) => Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y)),
        (IComparable x, _) => x.CompareTo(b),
        _ => throw new InvalidOperationException($"Cannot order {a.GetType().Name}."),
    };

    private sealed class GroupKey(object?[] values)
    {
        public static readonly IEqualityComparer<GroupKey> Comparer = new KeyComparer();

        public object?[] Values { get; } = values;

        private sealed class KeyComparer : IEqualityComparer<GroupKey>
        {
            public bool Equals(GroupKey? x, GroupKey? y) =>
                x!.Values.Length == y!.Values.Length && x.Values.Zip(y.Values).All(p => Equals(p.First, p.Second) || ByteEquals(p.First, p.Second));

            public int GetHashCode(GroupKey obj)
            {
                var hash = default(HashCode);
                foreach (var value in obj.Values)
                {
                    hash.Add(value is byte[] bytes ? Convert.ToHexString(bytes) : value);
                }

                return hash.ToHashCode();
            }

            private static bool ByteEquals(object? a, object? b) => a is byte[] x && b is byte[] y && x.AsSpan().SequenceEqual(y);
        }
    }
}
