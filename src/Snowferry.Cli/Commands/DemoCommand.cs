using System.CommandLine;
using System.Globalization;
using Snowferry.LocalSnowflake.Hosting;
using Snowferry.Snowflake;
using Snowferry.Snowflake.Authentication;
using Snowferry.Snowflake.Configuration;
using Spectre.Console;

namespace Snowferry.Cli.Commands;

/// <summary>
/// The embedded default: a local Snowflake with the sample tables, read back through the real client exactly as a user's
/// own account would be (connections.toml, key-pair JWT, the SQL API over HTTP).
/// </summary>
internal static class DemoCommand
{
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
        var command = new Command("demo", "Start a local Snowflake with the sample tables and show them through the SQL API client.")
        {
            scale,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(scale), ct));
        return command;
    }

    private static async Task<int> RunAsync(double scale, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Console;
        console.MarkupLine($"[bold]snowferry demo[/]: starting the local Snowflake (MOVIE_RATINGS_27M at scale {scale.ToString(CultureInfo.InvariantCulture)})...");
        var host = await LocalSnowflakeHost.StartAsync(new LocalSnowflakeHostOptions { Scale = scale }, cancellationToken).ConfigureAwait(false);
        await using (host.ConfigureAwait(false))
        {
            console.MarkupLineInterpolated($"Local Snowflake at [blue]{host.BaseAddress}[/]; connection [green]{host.ConnectionName}[/] written to {host.ConnectionsFilePath}");

            // From here on only what a user has: a connections.toml and the client.
            var settings = SnowflakeConnections.Load(new SnowflakeConnectionOptions
            {
                ConnectionsFile = host.ConnectionsFilePath,
                ConnectionName = host.ConnectionName,
            });
            using var http = new HttpClient(SnowflakeClient.CreateDefaultHandler()) { BaseAddress = settings.BaseAddress };
            var client = new SnowflakeClient(http, settings, SnowflakeTokenProviders.Create(settings));

            foreach (var table in s_tables)
            {
                await ShowTableAsync(console, client, settings, table, cancellationToken).ConfigureAwait(false);
            }
        }

        console.MarkupLine("[bold]Done.[/] The local Snowflake has stopped.");
        return 0;
    }

    private static async Task ShowTableAsync(IAnsiConsole console, SnowflakeClient client, SnowflakeConnectionSettings settings, string table, CancellationToken cancellationToken)
    {
        var columns = await client.ExecuteAsync(
            "SELECT COLUMN_NAME, DATA_TYPE, NUMERIC_PRECISION, NUMERIC_SCALE FROM INFORMATION_SCHEMA.COLUMNS " +
            "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION",
            new SnowflakeStatementOptions
            {
                Bindings = [SnowflakeBinding.Text(settings.Schema ?? "PUBLIC"), SnowflakeBinding.Text(table)],
            },
            cancellationToken).ConfigureAwait(false);
        var types = new List<string>();
        await foreach (var batch in columns.ReadBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            for (var row = 0; row < batch.RowCount; row++)
            {
                var type = batch.GetValue<string>(row, 1);
                if (type == "NUMBER")
                {
                    type += $"({batch[row, 2]},{batch[row, 3]})";
                }

                types.Add($"{batch.GetValue<string>(row, 0)} {type}");
            }
        }

        var count = await client.ExecuteAsync($"SELECT COUNT(*) FROM {Quote(table)}", cancellationToken: cancellationToken).ConfigureAwait(false);
        object? rowCount = null;
        await foreach (var batch in count.ReadBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            rowCount = batch[0, 0];
        }

        var rows = await client.ExecuteAsync($"SELECT * FROM {Quote(table)} LIMIT 5", cancellationToken: cancellationToken).ConfigureAwait(false);
        var grid = new Table().Border(TableBorder.Rounded).Title($"[bold]{table}[/]: {rowCount} rows");
        foreach (var column in rows.Columns)
        {
            grid.AddColumn(new TableColumn(Markup.Escape($"{column.Name}\n{column.Type}")));
        }

        await foreach (var batch in rows.ReadBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            for (var row = 0; row < batch.RowCount; row++)
            {
                var cells = new string[batch.Columns.Count];
                for (var column = 0; column < cells.Length; column++)
                {
                    cells[column] = Markup.Escape(Format(batch[row, column]));
                }

                grid.AddRow(cells);
            }
        }

        console.WriteLine();
        console.MarkupLine($"[bold]{table}[/] columns: {Markup.Escape(string.Join(", ", types))}");
        console.Write(grid);
    }

    private static string Format(object? value) => value switch
    {
        null => "NULL",
        string s => s.Length > 30 ? s[..27] + "..." : s.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
