namespace Snowferry.Testing;

/// <summary>Seeded bytes for upload tests: the same seed gives the same bytes.</summary>
public static class TestData
{
    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
