using System.Globalization;
using CsCheck;
using Snowferry.Tests.Transfer;
using Snowferry.Transfer;
using static Snowferry.Tests.Transfer.ContractReference;

namespace Snowferry.Tests.CrossCutting;

/// <summary>
/// Random small tables (NULLs, empty and white-space strings, unicode, 30-digit and tiny decimals, floats, dates and
/// timestamps on month and year edges, TIMESTAMP_TZ offsets that move the UTC month) created in the local Snowflake,
/// transferred through the S3 server, read back, and compared with the independent LINQ reference of the contract.
/// <c>SNOWFERRY_PROPERTY_ITERATIONS</c> sets the number of tables (20 by default, for CI).
/// </summary>
public sealed class TransferPropertyTests(FaultFixture fixture) : IClassFixture<FaultFixture>
{
    private static int s_tables;

    private static readonly string[] s_strings =
    [
        "NULL", "''", "' '", "'\\t'", "'\\n \\r'", "'\\x0B\\f'", "' \\t\\n\\r\\x0B\\f '", "'a'", "'A'", "' a '", "'a\\tb'",
        "'ä ü'", "'日本'", "'\\u00e9'", "'x''y'",
    ];

    private static readonly string[] s_decimals =
    [
        "NULL", "0", "1", "-1", "123456789012345678901234.567890", "-999999999999999999999999.999999", "0.000001", "-0.000001", "42.5",
    ];

    private static readonly string[] s_floats = ["NULL", "0.5", "-2.25", "1e10", "3", "-0.125"];

    private static readonly string[] s_times = ["00:00:00", "23:59:59.999999", "12:00:00", "00:00:00.000001"];

    private static readonly string[] s_offsets = ["+00:00", "+14:00", "-12:00", "+05:30", "-03:00"];

    private enum Kind
    {
        Text,
        Decimal,
        Float,
        Date,
        Ntz,
        Tz,
        Boolean,
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int Iterations =>
        int.TryParse(Environment.GetEnvironmentVariable("SNOWFERRY_PROPERTY_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 20;

    /// <summary>A date near a month or year edge (the first two days and the last two of a month), 1969 to 2031.</summary>
    private static readonly Gen<string> s_date = Gen.Select(Gen.Int[1969, 2031], Gen.Int[1, 12], Gen.Int[0, 3], (y, m, edge) =>
    {
        var first = new DateOnly(y, m, 1);
        var day = edge switch { 0 => first, 1 => first.AddDays(1), 2 => first.AddMonths(1).AddDays(-1), _ => first.AddMonths(1).AddDays(-2) };
        return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    });

    private static Gen<string> Literal(Kind kind) => kind switch
    {
        Kind.Text => Gen.OneOf(s_strings),
        Kind.Decimal => Gen.OneOf(s_decimals),
        Kind.Float => Gen.OneOf(s_floats),
        Kind.Boolean => Gen.OneOf("NULL", "TRUE", "FALSE"),
        Kind.Date => Gen.Frequency((1, Gen.Const("NULL")), (5, s_date.Select(d => $"'{d}'::DATE"))),
        Kind.Ntz => Gen.Frequency((1, Gen.Const("NULL")), (5, Gen.Select(s_date, Gen.OneOf(s_times), (d, t) => $"'{d} {t}'::TIMESTAMP_NTZ"))),
        _ => Gen.Frequency(
            (1, Gen.Const("NULL")),
            (5, Gen.Select(s_date, Gen.OneOf(s_times), Gen.OneOf(s_offsets), (d, t, o) => $"'{d} {t} {o}'::TIMESTAMP_TZ"))),
    };

    private static string TypeOf(Kind kind) => kind switch
    {
        Kind.Text => "VARCHAR",
        Kind.Decimal => "NUMBER(38,6)",
        Kind.Float => "FLOAT",
        Kind.Boolean => "BOOLEAN",
        Kind.Date => "DATE",
        Kind.Ntz => "TIMESTAMP_NTZ",
        _ => "TIMESTAMP_TZ",
    };

    /// <summary>A schema (one temporal column at least, so a month exists) and 0 to 14 rows of literals.</summary>
    private static readonly Gen<(Kind[] Columns, string[][] Rows)> s_table =
        from temporal in Gen.OneOf(Kind.Date, Kind.Ntz, Kind.Tz)
        from others in Gen.Enum<Kind>().Array[0, 4]
        let columns = others.Prepend(temporal).ToArray()
        from rows in Row(columns).Array[0, 14]
        select (columns, rows);

    private static Gen<string[]> Row(Kind[] columns)
    {
        var row = Gen.Const(Array.Empty<string>());
        foreach (var column in columns)
        {
            var literal = Literal(column);
            row = from cells in row from cell in literal select (string[])[.. cells, cell];
        }

        return row;
    }

    [Fact]
    public async Task RunAsync_RandomSmallTables_MatchTheContractReference()
    {
        await s_table.SampleAsync(
            async table =>
            {
                var name = "PROP_" + Interlocked.Increment(ref s_tables).ToString(CultureInfo.InvariantCulture);
                await CreateAsync(name, table.Columns, table.Rows);

                var report = await fixture.CreateJob("property").RunAsync(name, new TransferOptions { WriteManifest = false, Verify = true }, Ct);

                var (columns, rows) = await fixture.Transfer.QueryAsync($"SELECT * FROM {name}", Ct);
                var expected = Expected(rows, [.. columns.Select(c => c.Type)], [.. columns.Select(c => DefaultRole(c.Type))]);
                var actual = TransferOutputReader.ReadParquet((await fixture.Transfer.S3.ReadObjectAsync(report.FileName, Ct))!);
                TransferOutputReader.AssertRowsEqual(expected, actual);
                Assert.Equal(rows.Count, report.SourceRows);
                Assert.Equal(rows.Count(r => r.All(IsBlank)), report.BlankRowsDropped);
            },
            iter: Iterations,
            threads: 1,
            print: t => $"columns {string.Join(", ", t.Columns)}; rows {string.Join(" | ", t.Rows.Select(r => string.Join(", ", r)))}");
    }

    private async Task CreateAsync(string name, Kind[] columns, string[][] rows)
    {
        var definitions = string.Join(", ", columns.Select((kind, i) => $"C{i} {TypeOf(kind)}"));
        await fixture.Transfer.Client.ExecuteAsync($"CREATE TABLE {name} ({definitions})", cancellationToken: Ct);
        if (rows.Length > 0)
        {
            var values = string.Join(", ", rows.Select(r => "(" + string.Join(", ", r) + ")"));
            await fixture.Transfer.Client.ExecuteAsync($"INSERT INTO {name} VALUES {values}", cancellationToken: Ct);
        }
    }
}
