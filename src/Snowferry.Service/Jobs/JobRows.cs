using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using Snowferry.Service.Api;

namespace Snowferry.Service.Jobs;

/// <summary>How a <see cref="TransferJob"/> maps to a row of the <c>jobs</c> table and back.</summary>
internal static class JobRows
{
    /// <summary>The columns <see cref="Bind"/> fills, in <see cref="InsertValues"/>' order.</summary>
    public const string InsertColumns = """
        id, client, state, source_table, destination, options_json, streaming, submitted_at, started_at, finished_at,
        progress_phase, progress_rows, progress_total_rows, progress_bytes, result_json, report_json, error_json,
        statement_handle, upload_bucket, upload_key, upload_id, unload_folder
        """;

    /// <summary>The parameters <see cref="Bind"/> adds.</summary>
    public const string InsertValues = """
        $id, $client, $state, $source_table, $destination, $options_json, $streaming, $submitted_at, $started_at,
        $finished_at, $progress_phase, $progress_rows, $progress_total_rows, $progress_bytes, $result_json,
        $report_json, $error_json, $statement_handle, $upload_bucket, $upload_key, $upload_id, $unload_folder
        """;

    /// <summary>The columns <see cref="Read"/> expects, in its order (<c>seq</c> last, for the cursor).</summary>
    public const string Columns = InsertColumns + ", seq";

    /// <summary>The ordinal of <c>seq</c> in <see cref="Columns"/>.</summary>
    public const int SeqOrdinal = 22;

    /// <summary>The states a job can still leave, as stored: the ones that count against a client's active jobs.</summary>
    public const string ActiveStates = "('queued', 'running')";

    /// <summary>The final states as stored.</summary>
    public const string FinalStates = "('succeeded', 'failed', 'cancelled')";

    // Fixed width (7 fractional digits, always UTC) so that comparing the text compares the times.
    private const string TimeFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'";

    // The API's spelling of the options, so the column reads like the request that created it.
    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>A state as stored (the API's lower-case names; enum values could be reordered, these cannot).</summary>
    public static string StateName(JobState state) => state switch
    {
        JobState.Queued => "queued",
        JobState.Running => "running",
        JobState.Succeeded => "succeeded",
        JobState.Failed => "failed",
        JobState.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a job state."),
    };

    /// <summary>Whether a job in this state can no longer change.</summary>
    public static bool IsFinal(JobState state) => state is JobState.Succeeded or JobState.Failed or JobState.Cancelled;

    /// <summary>A time as stored.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>Binds every column of <paramref name="job"/> as <c>$column</c> parameters, for the insert.</summary>
    public static void Bind(SqliteCommand command, TransferJob job)
    {
        Add(command, "$id", job.Id);
        Add(command, "$client", job.Client);
        Add(command, "$state", StateName(job.State));
        Add(command, "$source_table", job.SourceTable);
        Add(command, "$destination", job.Destination);
        Add(command, "$options_json", JsonSerializer.Serialize(job.Options, s_json));
        Add(command, "$streaming", job.Streaming);
        Add(command, "$submitted_at", FormatTime(job.SubmittedAt));
        Add(command, "$started_at", job.StartedAt is { } started ? FormatTime(started) : null);
        Add(command, "$finished_at", job.FinishedAt is { } finished ? FormatTime(finished) : null);
        BindProgress(command, job.Progress);
        Add(command, "$result_json", job.ResultJson);
        Add(command, "$report_json", job.ReportJson);
        Add(command, "$error_json", job.ErrorJson);
        BindResources(command, job.Resources);
    }

    /// <summary>Binds the progress columns as <c>$progress_…</c>.</summary>
    public static void BindProgress(SqliteCommand command, JobProgress progress)
    {
        Add(command, "$progress_phase", progress.Phase);
        Add(command, "$progress_rows", progress.Rows);
        Add(command, "$progress_total_rows", progress.TotalRows);
        Add(command, "$progress_bytes", progress.Bytes);
    }

    /// <summary>Binds the resource columns as <c>$statement_handle</c>… <c>$unload_folder</c>.</summary>
    public static void BindResources(SqliteCommand command, JobResources resources)
    {
        Add(command, "$statement_handle", resources.StatementHandle);
        Add(command, "$upload_bucket", resources.UploadBucket);
        Add(command, "$upload_key", resources.UploadKey);
        Add(command, "$upload_id", resources.UploadId);
        Add(command, "$unload_folder", resources.UnloadFolder);
    }

    /// <summary>Adds a parameter; null is SQL NULL.</summary>
    public static void Add(SqliteCommand command, string name, object? value) =>
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);

    /// <summary>The job at the reader's row, selected with <see cref="Columns"/>.</summary>
    public static TransferJob Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Client = reader.GetString(1),
        State = ParseState(reader.GetString(2)),
        SourceTable = reader.GetString(3),
        Destination = reader.GetString(4),
        Options = JsonSerializer.Deserialize<TransferRequestOptions>(reader.GetString(5), s_json)
            ?? throw new InvalidDataException("A job's options_json is null."),
        Streaming = reader.GetBoolean(6),
        SubmittedAt = ParseTime(reader.GetString(7)),
        StartedAt = reader.IsDBNull(8) ? null : ParseTime(reader.GetString(8)),
        FinishedAt = reader.IsDBNull(9) ? null : ParseTime(reader.GetString(9)),
        Progress = new JobProgress(
            reader.GetString(10), reader.GetInt64(11), reader.IsDBNull(12) ? null : reader.GetInt64(12), reader.GetInt64(13)),
        ResultJson = StringOrNull(reader, 14),
        ReportJson = StringOrNull(reader, 15),
        ErrorJson = StringOrNull(reader, 16),
        Resources = new JobResources(
            StringOrNull(reader, 17), StringOrNull(reader, 18), StringOrNull(reader, 19), StringOrNull(reader, 20), StringOrNull(reader, 21)),
    };

    /// <summary>A time as stored, back to a UTC <see cref="DateTimeOffset"/>.</summary>
    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static JobState ParseState(string name) => name switch
    {
        "queued" => JobState.Queued,
        "running" => JobState.Running,
        "succeeded" => JobState.Succeeded,
        "failed" => JobState.Failed,
        "cancelled" => JobState.Cancelled,
        _ => throw new InvalidDataException($"A job has the unknown state '{name}'."),
    };

    /// <summary>A text column, or null.</summary>
    public static string? StringOrNull(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
