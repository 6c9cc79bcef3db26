namespace Snowferry.Service.Api;

/// <summary>
/// The library's messages name its options (<c>TransferOptions.KeyTemplate</c>); a caller of the API knows its fields
/// (<c>options.key_template</c>). Longer phrases first, so a sentence's fix reads in the caller's terms.
/// </summary>
internal static class RequestFields
{
    private static readonly (string Library, string Api)[] s_fields =
    [
        ("set TransferPlanOptions.MonthColumns or TransferPlanOptions.EpochColumns", "set options.month_columns or options.epoch_columns"),
        ("Set TransferPlanOptions.MonthColumns or TransferPlanOptions.EpochColumns", "Set options.month_columns or options.epoch_columns"),
        ("set TransferOptions.Mode to Stream", "set options.mode to 'stream'"),
        ("set TransferOptions.Mode to Unload", "set options.mode to 'unload'"),
        ("TransferOptions.Mode Unload and Auto", "options.mode 'unload' and 'auto'"),
        ("set TransferOptions.Overwrite", "set options.overwrite"),
        ("set TransferOptions.Format to parquet or csv", "set options.format to 'parquet' or 'csv'"),
        ("leave TransferOptions.Compression at its default", "leave out options.compression"),
        ("leave TransferOptions.KeyTemplate unset", "leave out options.key_template"),
        ("leave TransferOptions.Verify off", "leave out options.verify"),
        ("leave TransferOptions.WriteManifest on", "keep the manifest"),
        ("The read-back (TransferOptions.Verify)", "The read-back (options.verify)"),
        ("TransferOptions.Format = \"csv\"", "options.format 'csv'"),
        ("TransferOptions.StorageIntegration", "the service's StorageIntegration setting"),
        ("TransferOptions.KeyTemplate", "options.key_template"),
        ("TransferOptions.Verify", "options.verify"),
        ("TransferOptions.Overwrite", "options.overwrite"),
        ("TransferOptions.Format", "options.format"),
        ("TransferOptions.Mode", "options.mode"),
        ("TransferPlanOptions.MonthColumns", "options.month_columns"),
        ("TransferPlanOptions.DropColumns", "options.drop_columns"),
        ("TransferPlanOptions.KeyColumns", "options.key_columns"),
        ("TransferPlanOptions.KeepColumns", "options.keep_columns"),
        ("TransferPlanOptions.EpochColumns", "options.epoch_columns"),
        ("TransferPlanOptions.EpochUnit", "options.epoch_unit"),
        ("TransferOptions.KeyPrefix", "options.prefix"),
        ("TransferOptions.Compression", "options.compression"),
    ];

    /// <summary>A library message with its option names replaced by the request's fields.</summary>
    public static string InFields(string message)
    {
        foreach (var (library, api) in s_fields)
        {
            message = message.Replace(library, api, StringComparison.Ordinal);
        }

        return message;
    }

    /// <summary>An exception's message in the request's terms, without .NET's "(Parameter 'x')".</summary>
    public static string InFields(Exception exception) => InFields(exception is ArgumentException { ParamName: { } name } argument
        ? argument.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)
        : exception.Message);
}
