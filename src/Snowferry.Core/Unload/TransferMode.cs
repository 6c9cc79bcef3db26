using System.Text.Json.Serialization;

namespace Snowferry.Unload;

/// <summary>How a table's aggregated result reaches S3.</summary>
public enum TransferMode
{
    /// <summary>Through this process: streamed partition by partition, written as one file, uploaded part by part.</summary>
    [JsonStringEnumMemberName("stream")]
    Stream,

    /// <summary>Snowflake writes it to S3 itself (<c>COPY INTO &lt;location&gt;</c>): several files and a manifest.</summary>
    [JsonStringEnumMemberName("unload")]
    Unload,

    /// <summary>Choose by the estimated output size (<see cref="TransferModeChooser"/>).</summary>
    [JsonStringEnumMemberName("auto")]
    Auto,
}
