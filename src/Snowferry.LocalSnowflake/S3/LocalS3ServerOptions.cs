namespace Snowferry.LocalSnowflake.S3;

/// <summary>How to start a <see cref="LocalS3Server"/>.</summary>
public sealed record LocalS3ServerOptions
{
    /// <summary>The environment variable naming the tools/s3 folder when it cannot be found from the app's location.</summary>
    public const string ToolsDirectoryVariable = "SNOWFERRY_S3_TOOLS";

    /// <summary>
    /// The tools/s3 folder (package.json, node_modules, launch.mjs); when null, found from the environment or by walking
    /// up, else (an installed tool) installed into <see cref="CacheDirectory"/>.
    /// </summary>
    public string? ToolsDirectory { get; init; }

    /// <summary>
    /// Where an installed snowferry (no tools/s3 around it) installs the server with npm, one folder per lock:
    /// <c>$XDG_CACHE_HOME/snowferry/s3</c>, else <c>~/.cache/snowferry/s3</c>, when null.
    /// </summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Told one line before npm installs the server into the cache folder (it takes seconds and about 230 MB).</summary>
    public Action<string>? InstallNotice { get; init; }

    /// <summary>The npm that installs the server into the cache folder (tests point it elsewhere).</summary>
    internal string NpmCommand { get; init; } = "npm";

    /// <summary>Loopback port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Where fauxqs keeps objects as files; a fresh temp folder, deleted on dispose, when null.</summary>
    public string? StorageDirectory { get; init; }

    /// <summary>How long to wait for the server to answer.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The access key id clients use (fauxqs accepts any; a fixed test value, not a secret).</summary>
    public string AccessKeyId { get; init; } = "SNOWFERRYLOCALKEY";

    /// <summary>The secret access key clients use (fauxqs accepts any; a fixed test value, not a secret).</summary>
    public string SecretAccessKey { get; init; } = "snowferry-local-secret";

    /// <summary>The region clients sign for.</summary>
    public string Region { get; init; } = "us-east-1";
}
