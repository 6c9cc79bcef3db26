using System.Diagnostics;
using Snowferry.Testing;
using Snowferry.Tests.Transfer;

namespace Snowferry.Tests.Faults;

/// <summary>
/// <c>snowferry transfer</c> as a child process, stopped by SIGINT (Ctrl-C) or SIGTERM while a part is on its way to
/// S3 (the proxy holds it): the upload is aborted, nothing is left at the key, and the exit code says which signal.
/// </summary>
public sealed class CliSignalTests(FaultFixture fixture) : IClassFixture<FaultFixture>, IDisposable
{
    private const int SigInt = 2;
    private const int SigTerm = 15;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(SigInt, 130)]
    [InlineData(SigTerm, 143)]
    public async Task Transfer_SignalDuringUpload_AbortsTheUploadAndExitsWithTheSignalsCode(int signal, int exitCode)
    {
        fixture.Proxy.Reset();
        fixture.Proxy.Arm(S3Operation.UploadPart, S3Fault.Stall);
        var prefix = "signal-" + signal;
        using var process = Start(prefix);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);

        await Task.WhenAny(fixture.Proxy.Stalled, process.WaitForExitAsync(Ct));
        Assert.False(process.HasExited, "the CLI ended before its upload stalled: " + (process.HasExited ? await stderr : ""));
        using (var kill = Process.Start("kill", ["-" + signal.ToString(System.Globalization.CultureInfo.InvariantCulture), process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(Ct);
            Assert.Equal(0, kill.ExitCode);
        }

        await process.WaitForExitAsync(Ct);

        Assert.Equal(exitCode, process.ExitCode);
        Assert.Contains("cancelled", await stderr, StringComparison.Ordinal);
        Assert.Empty(await stdout);
        Assert.Contains(fixture.Proxy.Records, r => r.Operation == S3Operation.AbortMultipartUpload && r.Status == 204);
        Assert.Empty(fixture.Proxy.OpenUploads());
        Assert.Empty(await fixture.Transfer.S3.ListKeysAsync(prefix + "/", Ct));
    }

    public void Dispose() => fixture.Proxy.Reset();

    private Process Start(string prefix)
    {
        var cli = Path.Combine(
            AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Snowferry.Cli", "bin",
            new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "snowferry.dll");
        var host = fixture.Transfer.Snowflake.Host;
        var s3 = fixture.Transfer.S3.Server.Options;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            Path.GetFullPath(cli), "transfer", "ORDERS_100K", $"s3://{fixture.Transfer.S3.Bucket}/{prefix}",
            "--format", "csv", "--part-size-mb", "5", "--quiet",
            "--connections-file", host.ConnectionsFilePath, "--connection", host.ConnectionName,
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["AWS_ENDPOINT_URL_S3"] = fixture.Proxy.ServiceUrl.AbsoluteUri;
        start.Environment["AWS_REGION"] = s3.Region;
        start.Environment["AWS_ACCESS_KEY_ID"] = s3.AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = s3.SecretAccessKey;
        start.Environment.Remove("AWS_PROFILE");
        return Process.Start(start)!;
    }
}
