using System.Security.Cryptography;
using System.Text;

namespace Snowferry.Snowflake.Authentication;

/// <summary>
/// Reads an RSA private key from a file or from text (<c>private_key_raw</c>): PKCS#8 PEM, plain or encrypted, PKCS#1
/// PEM (<c>RSA PRIVATE KEY</c>), or, from a file only, PKCS#8 DER. Errors name the file, or say the key came as text;
/// never the key or its passphrase.
/// </summary>
internal static class PrivateKeyLoader
{
    /// <summary>How errors name a key given as text.</summary>
    internal const string RawKeyDescription = "private key given as text (private_key_raw or SNOWFLAKE_PRIVATE_KEY_RAW)";

    private const string EncryptedPkcs8Label = "ENCRYPTED PRIVATE KEY";
    private const string Pkcs8Label = "PRIVATE KEY";
    private const string Pkcs1Label = "RSA PRIVATE KEY";
    private const string PassphraseHint = "private_key_file_pwd in connections.toml or the PRIVATE_KEY_PASSPHRASE variable";

    public static RSA Load(string path, string? passphrase)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SnowflakeConfigurationException($"Cannot read the private key file {path}: {ex.Message}", ex);
        }

        return Create(rsa => Import(rsa, $"private key file {path}", Encoding.UTF8.GetString(bytes), bytes, passphrase));
    }

    /// <summary>Reads a key passed as PEM text, as CI systems hand secrets over.</summary>
    public static RSA LoadText(string pem, string? passphrase) =>
        Create(rsa => Import(rsa, RawKeyDescription, pem, der: null, passphrase));

    private static RSA Create(Action<RSA> import)
    {
        var rsa = RSA.Create();
        try
        {
            import(rsa);
            return rsa;
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    /// <param name="rsa">The key to fill.</param>
    /// <param name="what">Names the key in errors: "private key file /path" or <see cref="RawKeyDescription"/>.</param>
    /// <param name="text">The key as text.</param>
    /// <param name="der">The file's bytes, tried as DER when the text holds no PEM; null for a key given as text.</param>
    /// <param name="passphrase">The passphrase of an encrypted key.</param>
    private static void Import(RSA rsa, string what, string text, byte[]? der, string? passphrase)
    {
        // RFC 7468 PEM has no headers, so .NET cannot read OpenSSL's legacy "Proc-Type: 4,ENCRYPTED" keys.
        if (text.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal))
        {
            throw new SnowflakeConfigurationException(
                $"The {what} uses legacy OpenSSL PEM encryption, which is not supported: convert it " +
                "with `openssl pkcs8 -topk8 -v2 aes-256-cbc -in <old> -out rsa_key.p8`.");
        }

        if (!PemEncoding.TryFind(text, out var fields))
        {
            if (der is null)
            {
                throw NotRsa(what, "no PEM block");
            }

            ImportDer(rsa, what, der, passphrase);
            return;
        }

        var label = text[fields.Label];
        try
        {
            switch (label)
            {
                case EncryptedPkcs8Label when passphrase is null:
                    throw new SnowflakeConfigurationException(
                        $"The {what} is encrypted but no passphrase is set: set {PassphraseHint}.");
                case EncryptedPkcs8Label:
                    rsa.ImportFromEncryptedPem(text, passphrase);
                    return;
                case Pkcs8Label or Pkcs1Label:
                    // A passphrase set for a plain key (e.g. a global PRIVATE_KEY_PASSPHRASE) is not needed: ignore it.
                    rsa.ImportFromPem(text);
                    return;
                default:
                    throw NotRsa(what, $"a PEM '{label}' block");
            }
        }
        catch (CryptographicException ex) when (label == EncryptedPkcs8Label)
        {
            throw new SnowflakeConfigurationException(
                $"Cannot decrypt the {what}: the passphrase ({PassphraseHint}) is wrong or the key is damaged.",
                ex);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw NotRsa(what, "a damaged or non-RSA key", ex);
        }
    }

    private static void ImportDer(RSA rsa, string what, byte[] bytes, string? passphrase)
    {
        try
        {
            if (passphrase is null)
            {
                rsa.ImportPkcs8PrivateKey(bytes, out _);
            }
            else
            {
                rsa.ImportEncryptedPkcs8PrivateKey(passphrase, bytes, out _);
            }
        }
        catch (CryptographicException ex)
        {
            throw NotRsa(what, "neither PEM nor a readable PKCS#8 DER key (or the passphrase is wrong)", ex);
        }
    }

    private static SnowflakeConfigurationException NotRsa(string what, string found, Exception? inner = null) =>
        new($"The {what} holds {found}; snowferry needs an RSA private key in PKCS#8 PEM " +
            "(-----BEGIN PRIVATE KEY----- or -----BEGIN ENCRYPTED PRIVATE KEY-----), as made by " +
            "`openssl genrsa 2048 | openssl pkcs8 -topk8 -v2 aes-256-cbc -out rsa_key.p8`.",
            inner);
}
