namespace Snowferry.Output.Internal;

/// <summary>Where a writer is in its life: only an open writer takes rows.</summary>
internal enum WriterState
{
    Open,
    Completed,
    Faulted,
    Disposed,
}
