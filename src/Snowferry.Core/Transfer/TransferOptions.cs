using Snowferry.Destinations;
using Snowferry.Output;
using Snowferry.Planning;
using Snowferry.Snowflake.Client;
using Snowferry.Unload;

namespace Snowferry.Transfer;

/// <summary>
/// Everything one transfer can be told besides its table and destination; every default works on the sample tables.
/// Per run only: the connection, the S3 endpoint and region, the logger factory and the clock belong to the
/// <see cref="SnowferryDataSource"/> the transfer runs from (<see cref="SnowferryDataSourceBuilder"/>).
/// </summary>
public sealed record TransferOptions
{
    /// <summary>Column roles: month columns, numeric keys, columns to keep or drop, epoch columns.</summary>
    public TransferPlanOptions Plan { get; init; } = new();

    /// <summary>
    /// How the rows reach the bucket. <see cref="TransferMode.Stream"/> (default): through this process, as one
    /// deterministic file. <see cref="TransferMode.Unload"/>: Snowflake writes several Parquet or CSV files and snowferry a
    /// manifest (<c>COPY INTO</c>); needs <see cref="StorageIntegration"/> and an S3
    /// destination, and refuses options only a single streamed file has (<see cref="KeyTemplate"/>, <see cref="Verify"/>,
    /// no manifest, JSON formats, other compressions). <see cref="TransferMode.Auto"/>: unload when the estimated output
    /// reaches <see cref="UnloadThresholdBytes"/>, else stream; it streams, and says why in the report, when an unload is
    /// not possible. <see cref="Overwrite"/>, <see cref="ConditionalWrite"/> and <see cref="PartSize"/> do not apply to an
    /// unload: it writes into a new run folder.
    /// </summary>
    public TransferMode Mode { get; init; } = TransferMode.Stream;

    /// <summary>
    /// The Snowflake storage integration allowed to write to the bucket, for <see cref="TransferMode.Unload"/> and
    /// <see cref="TransferMode.Auto"/> (Snowflake identifier rules; snowferry never puts S3 keys into SQL).
    /// </summary>
    public string? StorageIntegration { get; init; }

    /// <summary>
    /// The environment variable the CLI (and <c>snowferry doctor</c>) read when no storage integration is given; the
    /// library itself reads only <see cref="StorageIntegration"/>.
    /// </summary>
    public const string StorageIntegrationVariable = "SNOWFERRY_STORAGE_INTEGRATION";

    /// <summary>
    /// For an unload: Snowflake's <c>MAX_FILE_SIZE</c> in bytes, the size it splits the output at (a soft limit); 256 MiB
    /// by default, 1 byte to 5 GB.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Out of that range.</exception>
    public long UnloadMaxFileSize
    {
        get;
        init => field = UnloadStatement.CheckMaxFileSize(value, nameof(UnloadMaxFileSize));
    } = UnloadLimits.DefaultMaxFileSize;

    /// <summary>
    /// For an unload: the run folder's name (<c>run-&lt;yyyyMMddTHHmmssZ&gt;_&lt;8 hex&gt;</c>, fresh each run, when
    /// null). Internal: tests plant files in a known run folder; users get a fresh folder per run.
    /// </summary>
    internal string? UnloadRunName { get; init; }

    /// <summary>Estimated output bytes from which <see cref="TransferMode.Auto"/> unloads; 10 GiB by default.</summary>
    public long UnloadThresholdBytes { get; init; } = TransferModeChooser.DefaultThresholdBytes;

    /// <summary>Output format by name: <c>parquet</c> (default), <c>csv</c>, <c>jsonl</c>, <c>json</c>.</summary>
    public string Format { get; init; } = "parquet";

    /// <summary>Compression inside Parquet, or of a whole text file.</summary>
    public OutputCompression Compression { get; init; } = OutputCompression.Default;

    /// <summary>Row group size and other writer settings (compression is taken from <see cref="Compression"/>).</summary>
    public OutputWriterOptions Writer { get; init; } = OutputWriterOptions.Default;

    /// <summary>
    /// A key prefix under the destination's own (<c>s3://bucket/prefix</c>); none by default. Leading and trailing
    /// slashes are dropped (<c>/daily/</c> is <c>daily</c>). Refused (an <see cref="ArgumentException"/> before anything is
    /// connected to) with an empty, <c>.</c> or <c>..</c> segment, a backslash, a percent-escape such as <c>%2F</c> or a
    /// control character: S3 would store those literally, and a reader that resolves, splits or decodes keys would find
    /// the files outside the prefix.
    /// </summary>
    public string? KeyPrefix { get; init; }

    /// <summary>
    /// A deterministic key instead of the default timestamped one, joined under the destination's prefix and
    /// <see cref="KeyPrefix"/>, e.g. <c>exports/{table}/{date:yyyy-MM}/{table}.{ext}</c>. Placeholders:
    /// <c>{table}</c>, <c>{schema}</c>, <c>{database}</c>, <c>{timestamp}</c> (<c>yyyyMMddTHHmmssZ</c>),
    /// <c>{date:format}</c> (UTC, a .NET date format), <c>{id}</c> (8 random hex digits), <c>{ext}</c> (e.g.
    /// <c>parquet</c>, <c>csv.gz</c>). A re-run with the same key is refused unless <see cref="Overwrite"/>. A name
    /// is one segment as in the default key (<c>/</c> and <c>\</c> written <c>_</c>, a name <c>.</c> or <c>..</c> written
    /// <c>_.</c> or <c>_..</c>); the template's own text follows the rules of <see cref="KeyPrefix"/>.
    /// </summary>
    public string? KeyTemplate { get; init; }

    /// <summary>Replace an object that already exists at the key; refused otherwise.</summary>
    public bool Overwrite { get; init; }

    /// <summary>
    /// Refuse an existing object atomically with a conditional write (<c>If-None-Match: *</c>, as AWS S3 honours);
    /// true by default. False for stores without conditional writes: check-then-write (a check before the upload and
    /// another just before the commit). The report's <c>overwrite_guard</c> says which was used.
    /// </summary>
    public bool ConditionalWrite { get; init; } = true;

    /// <summary>
    /// After the commit, read the file back from the destination, check its SHA-256 against the bytes written and its
    /// row count against the report; a mismatch throws <see cref="TransferIntegrityException"/>.
    /// </summary>
    public bool Verify { get; init; }

    /// <summary>
    /// Write <c>&lt;data key&gt;.manifest.json</c> beside the file after it is committed (its presence means the data
    /// is complete); true by default.
    /// </summary>
    public bool WriteManifest { get; init; } = true;

    /// <summary>Multipart part size in bytes (S3 needs at least 5 MiB for all parts but the last).</summary>
    public int PartSize { get; init; } = DestinationUploadOptions.DefaultPartSize;

    /// <summary>
    /// The timeout of every statement the transfer runs (planning, counts, the query, the unload's <c>COPY INTO</c>, auto's
    /// estimate), sent to Snowflake, which cancels a statement that runs longer (408, exit 4 in the CLI); 6 hours by
    /// default, where the account's own default is two days. 1 second to 7 days: zero is refused, since Snowflake would
    /// read it as 7 days.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero, negative, or longer than 7 days.</exception>
    public TimeSpan StatementTimeout
    {
        get;
        init => field = SnowflakeStatementOptions.CheckTimeout(value, nameof(StatementTimeout))!.Value;
    } = SnowflakeClientOptions.DefaultStatementTimeout;

    /// <summary>Receives rows and bytes as the transfer goes.</summary>
    public IProgress<TransferProgress>? Progress { get; init; }
}
