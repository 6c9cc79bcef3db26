using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Snowferry.LocalSnowflake.Server;

/// <summary>Builds response bodies with <see cref="Utf8JsonWriter"/>, one buffer per response.</summary>
internal static class JsonBody
{
    /// <summary>
    /// Non-ASCII text stays UTF-8 on the wire (as Snowflake sends it) rather than <c>\uXXXX</c>: smaller, and these bodies
    /// are never embedded in HTML, which is all the default encoder's extra escaping guards against.
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ReadOnlyMemory<byte> Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(json, state);
        }

        return buffer.WrittenMemory;
    }

    public static void WriteNullableNumber(this Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
