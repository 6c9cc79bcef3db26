namespace Snowferry.Destinations.Internal;

/// <summary>Sends one full part (never the last); the bytes are only valid until the returned task completes.</summary>
internal delegate Task PartUploader(int partNumber, ReadOnlyMemory<byte> part, CancellationToken cancellationToken);
