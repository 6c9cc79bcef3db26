using Snowferry.Destinations;

namespace Snowferry.Transfer;

/// <summary>The values of <see cref="TransferReport.OverwriteGuard"/>.</summary>
public static class TransferOverwriteGuards
{
    /// <summary>The publishing write carried <c>If-None-Match: *</c>: an object appearing meanwhile makes it fail.</summary>
    public const string ConditionalWrite = "conditional-write";

    /// <summary>The key was checked before the upload and again before the commit (no atomic guarantee).</summary>
    public const string CheckThenWrite = "check-then-write";

    /// <summary>Overwrite was asked: an existing object is replaced.</summary>
    public const string Overwrite = "overwrite";

    /// <summary>An unload: a new run folder per run, checked to hold exactly the files the statement reported.</summary>
    public const string NewRunFolder = "new-run-folder";

    /// <summary>The name of the guard <paramref name="upload"/> asks its destination for.</summary>
    internal static string For(DestinationUploadOptions upload) =>
        upload.Overwrite ? Overwrite : upload.IfNoneMatch ? ConditionalWrite : CheckThenWrite;
}
