using System.CommandLine;
using Microsoft.Extensions.Logging;
using Snowferry.Transfer;

namespace Snowferry.Cli.Commands;

/// <summary>Options several commands share, and the data source they build from them.</summary>
internal static class CliOptions
{
    /// <summary><c>--storage-integration</c>; read with <see cref="StorageIntegration"/>.</summary>
    public static Option<string?> StorageIntegrationOption() => new("--storage-integration")
    {
        Description = $"The Snowflake storage integration allowed to write to the bucket, for COPY INTO (default: {TransferOptions.StorageIntegrationVariable}).",
    };

    /// <summary>The option's value, else the environment variable's.</summary>
    public static string? StorageIntegration(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) ?? Environment.GetEnvironmentVariable(TransferOptions.StorageIntegrationVariable);

    public static Option<Uri?> EndpointOption(string description) => new("--s3-endpoint-url")
    {
        Description = description,
        CustomParser = ParseUri,
    };

    public static Option<string?> RegionOption() => new("--region")
    {
        Description = "The bucket's region (default: asked of AWS once per bucket, else the AWS SDK's chain: AWS_REGION, profile).",
    };

    /// <summary>The data source a command runs on: the connection its options name, S3 as told or the SDK's way.</summary>
    public static SnowferryDataSource DataSource(
        ParseResult parse, PlanOptionSet roles, Option<Uri?>? endpoint = null, Option<string?>? region = null, ILoggerFactory? loggerFactory = null) =>
        new SnowferryDataSourceBuilder()
            .UseConnection(parse.GetValue(roles.Connection), parse.GetValue(roles.ConnectionsFile)?.FullName)
            .UseS3Endpoint(endpoint is null ? null : parse.GetValue(endpoint))
            .UseS3Region(region is null ? null : parse.GetValue(region))
            .UseLoggerFactory(loggerFactory)
            .Build();

    /// <summary>An absolute http(s) URL option (System.CommandLine does not convert <see cref="Uri"/> itself).</summary>
    public static Uri? ParseUri(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        result.AddError($"'{text}' is not an absolute http:// or https:// URL.");
        return null;
    }
}
