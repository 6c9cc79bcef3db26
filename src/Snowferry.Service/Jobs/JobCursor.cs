using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Snowferry.Service.Jobs;

/// <summary>
/// The list cursor: the last job's sequence number and a MAC over it and the query (client, state filter), keyed by a
/// secret kept in the store's file. A client cannot forge or edit one, nor replay another client's or another filter's:
/// any of those fails the MAC and is a <see cref="FormatException"/>. Cursors stay valid across restarts, as the key
/// lives with the jobs it points into.
/// </summary>
internal sealed class JobCursor
{
    /// <summary>The size of a new key.</summary>
    public const int KeyBytes = 32;

    private const int SeqBytes = sizeof(long);

    // 128 bits of HMAC-SHA256 are far beyond guessing through an API; 8 + 16 bytes are 32 base64url characters.
    private const int MacBytes = 16;

    private readonly byte[] _key;

    public JobCursor(byte[] key)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(key.Length, KeyBytes, nameof(key));
        _key = key;
    }

    /// <summary>The cursor of the page after the job numbered <paramref name="seq"/>.</summary>
    public string Encode(string client, JobState? state, long seq)
    {
        Span<byte> cursor = stackalloc byte[SeqBytes + MacBytes];
        BinaryPrimitives.WriteInt64BigEndian(cursor, seq);
        Mac(client, state, seq, cursor[SeqBytes..]);
        return Base64Url.EncodeToString(cursor);
    }

    /// <summary>The sequence number in a cursor this store gave for this client and filter.</summary>
    /// <exception cref="FormatException">It is not such a cursor.</exception>
    public long Decode(string cursor, string client, JobState? state)
    {
        Span<byte> bytes = stackalloc byte[SeqBytes + MacBytes];
        if (cursor.Length != Base64Url.GetEncodedLength(bytes.Length) || !TryDecode(cursor, bytes))
        {
            throw NotOurs();
        }

        var seq = BinaryPrimitives.ReadInt64BigEndian(bytes);
        Span<byte> expected = stackalloc byte[MacBytes];
        Mac(client, state, seq, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes[SeqBytes..]))
        {
            throw NotOurs();
        }

        return seq;
    }

    private void Mac(string client, JobState? state, long seq, Span<byte> destination)
    {
        // seq, the filter's state name, a NUL (no state name has one), then the client: unambiguous with the client last.
        var stateName = state is { } s ? JobRows.StateName(s) : "";
        var message = new byte[SeqBytes + Encoding.UTF8.GetByteCount(stateName) + 1 + Encoding.UTF8.GetByteCount(client)];
        BinaryPrimitives.WriteInt64BigEndian(message, seq);
        var offset = SeqBytes + Encoding.UTF8.GetBytes(stateName, message.AsSpan(SeqBytes));
        message[offset] = 0;
        Encoding.UTF8.GetBytes(client, message.AsSpan(offset + 1));
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, message, mac);
        mac[..MacBytes].CopyTo(destination);
    }

    private static bool TryDecode(string cursor, Span<byte> bytes)
    {
        try
        {
            return Base64Url.TryDecodeFromChars(cursor, bytes, out var written) && written == bytes.Length;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static FormatException NotOurs() => new(
        "The cursor is not one this list gave: pass the next_cursor of the previous page unchanged, with the same "
        + "filter, or leave it out to start from the newest job.");
}
