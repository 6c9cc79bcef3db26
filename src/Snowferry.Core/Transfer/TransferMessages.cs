namespace Snowferry.Transfer;

/// <summary>
/// Messages more than one part of the pipeline gives. They name the library's options (<c>TransferOptions.…</c>); the
/// CLI rewrites those names to its flags where it prints them.
/// </summary>
internal static class TransferMessages
{
    public const string NoStorageIntegration =
        "An unload needs a Snowflake storage integration that may write to the bucket (TransferOptions.StorageIntegration); snowferry never passes S3 keys in SQL.";

    public const string RunAgainWithOverwrite = "run the transfer again with TransferOptions.Overwrite";
}
