using System.CommandLine;
using System.Text.Json;
using Snowferry.Diagnostics;
using Spectre.Console;

namespace Snowferry.Cli.Commands;

/// <summary>
/// <c>snowferry doctor [--table T] [--destination D]</c>: tries each step of a first run against the configured
/// connection, moving no data, one line per check on stdout (or JSON with <c>--json</c>). Exits 0 when every check
/// passes, else with the exit code of the first failure's kind.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var roles = new PlanOptionSet();
        var table = new Option<string?>("--table", "-t") { Description = "Also check this table: the role may read it, and a plan can be made (with the column options)." };
        var destination = new Option<string?>("--destination", "-d") { Description = "Also check this destination: a bucket, s3://bucket/prefix (credentials, listing, region) or a folder (writable)." };
        var endpoint = new Option<Uri?>("--s3-endpoint-url")
        {
            Description = "An S3-compatible endpoint (default: AWS_ENDPOINT_URL_S3, else AWS).",
            CustomParser = CliOptions.ParseUri,
        };
        var region = new Option<string?>("--region") { Description = "The bucket's region (default: the AWS SDK's chain)." };
        var integration = CliOptions.StorageIntegrationOption();
        var json = new Option<bool>("--json") { Description = "Print the checks as JSON instead of lines." };
        var debug = new Option<bool>("--debug") { Description = "Show stack traces on errors." };
        var command = new Command("doctor", "Check a first run step by step (connection, credentials, role, warehouse, database, schema, table, destination), moving no data.")
        {
            table, destination, endpoint, region, integration, json, debug,
        };
        foreach (var option in roles.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, ct) => CommandErrors.RunAsync(
            async () =>
            {
                var report = await SnowferryDoctor.RunAsync(
                    new SnowferryDoctorOptions
                    {
                        ConnectionName = parse.GetValue(roles.Connection),
                        ConnectionsFile = parse.GetValue(roles.ConnectionsFile)?.FullName,
                        Table = parse.GetValue(table),
                        Plan = roles.PlanOptions(parse),
                        Destination = parse.GetValue(destination),
                        S3EndpointUrl = parse.GetValue(endpoint),
                        S3Region = parse.GetValue(region),
                        StorageIntegration = CliOptions.StorageIntegration(parse, integration),
                    },
                    ct).ConfigureAwait(false);
                if (parse.GetValue(json))
                {
                    await Console.Out.WriteLineAsync(ToJson(report)).ConfigureAwait(false);
                }
                else
                {
                    Print(report);
                }

                return ExitCode(report);
            },
            parse.GetValue(debug)));
        return command;
    }

    internal static int ExitCode(DoctorReport report) => report.FirstFailure?.Area switch
    {
        null => ExitCodes.Success,
        DoctorArea.Configuration => ExitCodes.Configuration,
        DoctorArea.Snowflake => ExitCodes.Source,
        DoctorArea.Plan => ExitCodes.Plan,
        _ => ExitCodes.Destination,
    };

    private static void Print(DoctorReport report)
    {
        var width = report.Checks.Max(c => c.Name.Length);
        // Colour for a person at a terminal; plain text when the output goes to a file or another program.
        var color = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Ansi;
        foreach (var check in report.Checks)
        {
            var status = check.Status switch
            {
                DoctorStatus.Ok => "ok  ",
                DoctorStatus.Fail => "FAIL",
                _ => "skip",
            };
            var name = check.Name.PadRight(width);
            if (color)
            {
                var style = check.Status switch
                {
                    DoctorStatus.Ok => "green",
                    DoctorStatus.Fail => "red bold",
                    _ => "grey",
                };
                AnsiConsole.MarkupLine($"[{style}]{status}[/]  {Markup.Escape(name)}  {Markup.Escape(CommandErrors.InFlags(check.Detail))}");
                if (check.Fix is not null)
                {
                    AnsiConsole.MarkupLine($"      {new string(' ', width)}  [yellow]fix:[/] {Markup.Escape(CommandErrors.InFlags(check.Fix))}");
                }
            }
            else
            {
                Console.Out.WriteLine($"{status}  {name}  {CommandErrors.InFlags(check.Detail)}");
                if (check.Fix is not null)
                {
                    Console.Out.WriteLine($"      {new string(' ', width)}  fix: {CommandErrors.InFlags(check.Fix)}");
                }
            }
        }
    }

    private static string ToJson(DoctorReport report)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("passed", report.Passed);
            writer.WriteNumber("exit_code", ExitCode(report));
            writer.WriteStartArray("checks");
            foreach (var check in report.Checks)
            {
                writer.WriteStartObject();
                writer.WriteString("name", check.Name);
                writer.WriteString("status", check.Status.ToString().ToLowerInvariant());
                writer.WriteString("area", check.Area.ToString().ToLowerInvariant());
                writer.WriteString("detail", CommandErrors.InFlags(check.Detail));
                if (check.Fix is not null)
                {
                    writer.WriteString("fix", CommandErrors.InFlags(check.Fix));
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
