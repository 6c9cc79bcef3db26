using System.CommandLine;
using System.Globalization;
using Snowferry.Destinations.S3;
using Snowferry.LocalSnowflake.Hosting;
using Snowferry.LocalSnowflake.S3;
using Snowferry.Transfer;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Snowferry.Cli.Commands;

/// <summary>
/// The embedded default: a local Snowflake with the sample tables and a local S3 server, configured the way a user
/// configures snowferry (a connections.toml; the AWS SDK's environment variables), then the real transfer of each sample
/// table, and each object read back from the bucket.
/// </summary>
internal static class DemoCommand
{
    private const string Bucket = "stakeholder-bucket";
    private static readonly string[] s_tables = ["LOCATIONS_595", "ORDERS_100K", "MOVIE_RATINGS_27M"];

    public static Command Create()
    {
        var scale = new Option<double>("--scale")
        {
            Description = "Fraction of MOVIE_RATINGS_27M's full 27,753,444 rows to generate (1 = full size).",
            DefaultValueFactory = _ => 0.01,
        };
        scale.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<double>();
            if (value is <= 0 or > 1 || double.IsNaN(value))
            {
                r.AddError($"--scale must be in (0, 1], got {value.ToString(CultureInfo.InvariantCulture)}.");
            }
        });
        var full = new Option<bool>("--full") { Description = "MOVIE_RATINGS_27M at its full 27,753,444 rows (same as --scale 1)." };
        var debug = new Option<bool>("--debug") { Description = "Show stack traces on errors." };
        var serve = new Option<bool>("--serve")
        {
            Description = "Instead of the transfers, run the HTTP service against the local servers with a demo client (its key printed), until Ctrl-C.",
        };
        var urls = new Option<string>("--urls")
        {
            Description = "With --serve: where the service listens.",
            DefaultValueFactory = _ => Service.Hosting.ServiceStartOptions.DefaultUrls,
        };
        var command = new Command("demo", "Transfer the three sample tables from a local Snowflake to a local S3 bucket and show what landed.")
        {
            scale, full, serve, urls, debug,
        };
        command.SetAction((parse, ct) => CommandErrors.RunAsync(
            () => RunAsync(parse.GetValue(full) ? 1 : parse.GetValue(scale), parse.GetValue(serve) ? parse.GetValue(urls) : null, ct),
            parse.GetValue(debug)));
        return command;
    }

    private static async Task<int> RunAsync(double scale, string? serveUrls, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Console;
        console.MarkupLine($"[bold]snowferry demo[/]: starting a local Snowflake (MOVIE_RATINGS_27M at scale {scale.ToString(CultureInfo.InvariantCulture)}) and a local S3 server...");
        var snowflake = await LocalSnowflakeHost.StartAsync(new LocalSnowflakeHostOptions { Scale = scale }, cancellationToken).ConfigureAwait(false);
        await using (snowflake.ConfigureAwait(false))
        {
            // An installed tool has no tools/s3: the first demo installs the S3 server with npm, and says so.
            var s3Options = new LocalS3ServerOptions { InstallNotice = line => console.MarkupLineInterpolated($"[grey]{line}[/]") };
            var s3 = await LocalS3Server.StartAsync(s3Options, cancellationToken).ConfigureAwait(false);
            await using (s3.ConfigureAwait(false))
            {
                await s3.CreateBucketAsync(Bucket, cancellationToken).ConfigureAwait(false);

                // From here on snowferry sees only what a user gives it: a connections.toml and the AWS SDK's environment.
                foreach (var (name, value) in s3.AwsEnvironment)
                {
                    Environment.SetEnvironmentVariable(name, value);
                }

                console.MarkupLineInterpolated($"Snowflake SQL API at [blue]{snowflake.BaseAddress}[/] (connection [green]{snowflake.ConnectionName}[/] in {snowflake.ConnectionsFilePath})");
                console.MarkupLineInterpolated($"S3 at [blue]{s3.ServiceUrl}[/], bucket [green]{Bucket}[/] (AWS_ENDPOINT_URL_S3, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION set for this process)");
                if (serveUrls is not null)
                {
                    return await DemoService.RunAsync(console, snowflake, Bucket, serveUrls, cancellationToken).ConfigureAwait(false);
                }

                // One data source for the three transfers, as a host would hold one: one connection, one S3 client.
                using var dataSource = new SnowferryDataSourceBuilder().UseConnection(snowflake.ConnectionName, snowflake.ConnectionsFilePath).Build();
                foreach (var table in s_tables)
                {
                    await TransferAsync(console, dataSource, table, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        console.MarkupLine("[bold]Done.[/] Both servers have stopped.");
        return ExitCodes.Success;
    }

    private static async Task TransferAsync(IAnsiConsole console, SnowferryDataSource dataSource, string table, CancellationToken cancellationToken)
    {
        console.WriteLine();
        console.Write(new Rule($"[bold]{table}[/]").LeftJustified());
        var report = await dataSource.TransferAsync(table, Bucket, cancellationToken: cancellationToken).ConfigureAwait(false);

        // Straight to stdout, never wrapped to the console's width: the line is the result JSON, to copy or parse.
        await Console.Out.WriteLineAsync(report.ToResult().ToJson()).ConfigureAwait(false);
        console.MarkupLineInterpolated(
            $"[grey]{report.SourceRows:N0} source rows, {report.BlankRowsDropped:N0} fully blank dropped, {report.OutputRows:N0} monthly rows, {report.Bytes:N0} bytes, query {report.QueryId}, {report.TotalDuration.TotalSeconds:F1} s[/]");
        console.MarkupLineInterpolated(
            $"[grey]roles: {string.Join(", ", report.Columns.Select(c => $"{c.Name}={c.Role}"))}[/]");

        using var client = S3ClientFactory.Create();
        using var response = await client.GetObjectAsync(Bucket, report.FileName, cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var (columns, rows, total) = ParquetPreview.Read(buffer.ToArray(), 5);
        var title = $"s3://{Bucket}/{report.FileName}: first {rows.Count} of {total:N0} rows, read back";
        var cells = rows.Select(row => row.Select(Visible).ToArray()).ToList();
        console.Write(FitsAsTable(columns, cells, console.Profile.Width) ? AsTable(title, columns, cells) : AsRecords(title, columns, cells));
    }

    /// <summary>
    /// A cell as one short line: white space that would break the layout shown as its escape (blank text is what the
    /// transfer judges rows by, so it should be seen), long values cut.
    /// </summary>
    private static string Visible(string cell)
    {
        var text = cell.Length == 0 ? "\"\"" : cell
            .Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal).Replace("\v", "\\v", StringComparison.Ordinal)
            .Replace("\f", "\\f", StringComparison.Ordinal);
        return text.Length > 18 ? text[..17] + "…" : text;
    }

    /// <summary>A table's width: each column as wide as its widest cell, plus the borders and padding.</summary>
    private static bool FitsAsTable(string[] columns, List<string[]> rows, int width) =>
        1 + columns.Select((name, c) => rows.Select(r => r[c].Length).Append(name.Length).Max() + 3).Sum() <= width;

    private static Rows AsTable(string title, string[] columns, List<string[]> rows)
    {
        // The title on its own line: as the table's title it would be cut to the table's width.
        var grid = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            grid.AddColumn(new TableColumn(Markup.Escape(column)).NoWrap());
        }

        foreach (var row in rows)
        {
            grid.AddRow(row.Select(Markup.Escape).ToArray());
        }

        return new Rows(new Text(title), grid);
    }

    /// <summary>One block per record, a line per column: what a narrow terminal can show without wrapping values.</summary>
    private static Rows AsRecords(string title, string[] columns, List<string[]> rows)
    {
        var blocks = new List<IRenderable> { new Text(title) };
        for (var r = 0; r < rows.Count; r++)
        {
            var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn(new GridColumn());
            for (var c = 0; c < columns.Length; c++)
            {
                grid.AddRow(new Text(columns[c], new Style(Color.Grey)), new Text(rows[r][c]));
            }

            blocks.Add(new Panel(grid).Header($"row {r + 1}").Border(BoxBorder.Rounded));
        }

        return new Rows(blocks);
    }
}
