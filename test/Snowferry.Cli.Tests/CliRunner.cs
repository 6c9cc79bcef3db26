using System.Diagnostics;

namespace Snowferry.Cli.Tests;

/// <summary>What one run of the CLI printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>
/// Runs the built CLI (<c>dotnet snowferry.dll</c> from <c>src/Snowferry.Cli/bin/&lt;Configuration&gt;/net10.0</c>) as a
/// child process with a clean environment: only the variables a test gives (plus PATH and the .NET ones), a HOME of
/// its own, and no AWS profile files, so nothing on the machine running the tests leaks in.
/// </summary>
public static class CliRunner
{
    private static readonly Lazy<string> s_dll = new(FindDll);

    public static string Dll => s_dll.Value;

    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.ToList())
        {
            if (name.StartsWith("AWS_", StringComparison.Ordinal) || name.StartsWith("SNOWFLAKE_", StringComparison.Ordinal)
                || name is "PRIVATE_KEY_PASSPHRASE" or "HOME" or "USERPROFILE" or "XDG_CONFIG_HOME")
            {
                start.Environment.Remove(name);
            }
        }

        var home = Path.Combine(Path.GetTempPath(), $"snowferry-cli-home-{Guid.NewGuid():N}");
        Directory.CreateDirectory(home);
        start.Environment["HOME"] = home;
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(home, "no-aws-credentials");
        start.Environment["AWS_CONFIG_FILE"] = Path.Combine(home, "no-aws-config");
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the CLI.");
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return new CliResult(process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string FindDll()
    {
        // The tests run from test/Snowferry.Cli.Tests/bin/<Configuration>/net10.0: the CLI is built beside, same configuration.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var framework = output.Name;
        for (var dir = output; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Snowferry.slnx")))
            {
                var dll = Path.Combine(dir.FullName, "src", "Snowferry.Cli", "bin", configuration, framework, "snowferry.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the CLI first: {dll} is missing.", dll);
            }
        }

        throw new DirectoryNotFoundException($"No Snowferry.slnx above {output.FullName}.");
    }
}
