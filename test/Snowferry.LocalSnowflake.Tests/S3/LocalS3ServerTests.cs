using Snowferry.LocalSnowflake.S3;
using Snowferry.Testing;

namespace Snowferry.LocalSnowflake.Tests.S3;

public sealed class LocalS3ServerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartAsync_ToolsNotInstalled_SaysToRunNpmCi()
    {
        using var temp = new TempDirectory();
        await File.WriteAllTextAsync(temp.Combine("launch.mjs"), "", Ct);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => LocalS3Server.StartAsync(new LocalS3ServerOptions { ToolsDirectory = temp.Path }, Ct));

        Assert.Contains("npm ci --prefix tools/s3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindToolsDirectory_FromTheTestAssembly_FindsTheRepositoryCopy()
    {
        var tools = LocalS3Server.FindToolsDirectory();

        Assert.True(File.Exists(Path.Combine(tools, "package-lock.json")));
    }

    [Fact]
    public async Task DisposeAsync_StopsTheProcessAndDeletesItsStorage()
    {
        var server = await LocalS3Server.StartAsync(new LocalS3ServerOptions(), Ct);
        await server.CreateBucketAsync("b-1", Ct);
        var storage = server.StorageDirectory;
        Assert.True(Directory.Exists(storage));
        Assert.Equal(server.ServiceUrl.AbsoluteUri.TrimEnd('/'), server.AwsEnvironment["AWS_ENDPOINT_URL_S3"]);

        await server.DisposeAsync();

        Assert.False(Directory.Exists(storage));
        using var http = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(server.ServiceUrl, Ct));
    }
}
