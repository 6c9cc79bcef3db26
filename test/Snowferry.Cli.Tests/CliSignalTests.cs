using System.Diagnostics;
using Snowferry.Testing;

namespace Snowferry.Cli.Tests;

/// <summary>
/// <c>snowferry transfer</c> as a child process, stopped by SIGINT (Ctrl-C) or SIGTERM while a part is on its way to
/// S3 (the proxy holds it): the upload is aborted, nothing is left at the key, and the exit code says which signal.
/// </summary>
public sealed class CliSignalTests(CliFixture fixture) : IClassFixture<CliFixture>, IAsyncLifetime
{
    private S3FaultProxy _proxy = null!;

    private const int SigInt = 2;
    private const int SigTerm = 15;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(SigInt, 130)]
    [InlineData(SigTerm, 143)]
    public async Task Transfer_SignalDuringUpload_AbortsTheUploadAndExitsWithTheSignalsCode(int signal, int exitCode)
    {
        _proxy.Reset();
        _proxy.Arm(S3Operation.UploadPart, S3Fault.Stall);
        var prefix = "signal-" + signal;
        using var process = Start(prefix);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);

        await Task.WhenAny(_proxy.Stalled, process.WaitForExitAsync(Ct));
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
        Assert.Contains(_proxy.Records, r => r.Operation == S3Operation.AbortMultipartUpload && r.Status == 204);
        Assert.Empty(_proxy.OpenUploads());
        Assert.Empty(await fixture.S3.ListKeysAsync(prefix + "/", Ct));
    }

    public async ValueTask InitializeAsync() => _proxy = await S3FaultProxy.StartAsync(fixture.S3.ServiceUrl, Ct);

    public async ValueTask DisposeAsync() => await _proxy.DisposeAsync();

    private Process Start(string prefix)
    {
        var host = fixture.Snowflake.Host;
        var s3 = fixture.S3.Server.Options;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            CliRunner.Dll, "transfer", "ORDERS_100K", $"s3://{fixture.S3.Bucket}/{prefix}",
            "--format", "csv", "--part-size-mb", "5", "--quiet",
            "--connections-file", host.ConnectionsFilePath, "--connection", host.ConnectionName,
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["AWS_ENDPOINT_URL_S3"] = _proxy.ServiceUrl.AbsoluteUri;
        start.Environment["AWS_REGION"] = s3.Region;
        start.Environment["AWS_ACCESS_KEY_ID"] = s3.AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = s3.SecretAccessKey;
        start.Environment.Remove("AWS_PROFILE");
        start.Environment.Remove("SNOWFERRY_STORAGE_INTEGRATION");
        return Process.Start(start)!;
    }
}
