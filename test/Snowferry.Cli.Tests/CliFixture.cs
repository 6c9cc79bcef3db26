using Snowferry.LocalSnowflake.Engine;
using Snowferry.LocalSnowflake.Hosting;
using Snowferry.Testing;

namespace Snowferry.Cli.Tests;

/// <summary>
/// The local Snowflake and the local S3 server (real servers on loopback) and the environment that points the CLI at
/// them the way a user would: <c>SNOWFLAKE_HOME</c> holding connections.toml, and the AWS variables. The local Snowflake
/// has the storage integration <c>SNOWFERRY_LOCAL_S3</c> for the S3 server, as <c>local-snowflake --s3-endpoint-url</c>.
/// </summary>
public sealed class CliFixture : IAsyncLifetime
{
    public CliFixture() => Snowflake = new IntegratedSnowflake(S3);

    public LocalSnowflakeFixture Snowflake { get; }

    public LocalS3Fixture S3 { get; } = new();

    public string Bucket => S3.Bucket;

    public async ValueTask InitializeAsync()
    {
        // The integration names the S3 server's port: it starts first.
        await S3.InitializeAsync();
        await Snowflake.InitializeAsync();
    }

    /// <summary>The variables a user would set for these servers, with <paramref name="overrides"/> on top (null removes).</summary>
    public Dictionary<string, string?> Environment(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["SNOWFLAKE_HOME"] = Path.GetDirectoryName(Snowflake.Host.ConnectionsFilePath),
            ["SNOWFLAKE_DEFAULT_CONNECTION_NAME"] = Snowflake.Host.ConnectionName,
            ["AWS_ENDPOINT_URL_S3"] = S3.ServiceUrl.AbsoluteUri,
            ["AWS_ACCESS_KEY_ID"] = S3.Server.Options.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = S3.Server.Options.SecretAccessKey,
            ["AWS_REGION"] = S3.Server.Options.Region,
        };
        foreach (var (name, value) in overrides ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        return environment;
    }

    public Task<CliResult> RunAsync(params string[] args) =>
        CliRunner.RunAsync(Environment(), TestContext.Current.CancellationToken, args);

    public async ValueTask DisposeAsync()
    {
        await Snowflake.DisposeAsync();
        await S3.DisposeAsync();
    }

    private sealed class IntegratedSnowflake(LocalS3Fixture s3) : LocalSnowflakeFixture
    {
        protected override LocalSnowflakeHostOptions Options => base.Options with
        {
            S3Integration = new LocalStorageIntegration
            {
                ServiceUrl = s3.ServiceUrl,
                AccessKeyId = s3.Server.Options.AccessKeyId,
                SecretAccessKey = s3.Server.Options.SecretAccessKey,
                Region = s3.Server.Options.Region,
            },
        };
    }
}
