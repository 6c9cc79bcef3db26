using System.Security.Cryptography;

namespace Snowferry.Snowflake.Authentication;

/// <summary>
/// Reads an RSA private key file: PKCS#8 PEM, plain or encrypted, PKCS#1 PEM (<c>RSA PRIVATE KEY</c>), or PKCS#8 DER.
/// Errors name the file, never the passphrase.
/// </summary>
internal static class PrivateKeyLoader
{
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

        var rsa = RSA.Create();
        try
        {
            Import(rsa, path, bytes, passphrase);
            return rsa;
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    private static void Import(RSA rsa, string path, byte[] bytes, string? passphrase)
    {
        var text = System.Text.Encoding.UTF8.GetString(bytes);

        // RFC 7468 PEM has no headers, so .NET cannot read OpenSSL's legacy "Proc-Type: 4,ENCRYPTED" keys.
        if (text.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal))
        {
            throw new SnowflakeConfigurationException(
                $"The private key file {path} uses legacy OpenSSL PEM encryption, which is not supported: convert it " +
                "with `openssl pkcs8 -topk8 -v2 aes-256-cbc -in <old> -out rsa_key.p8`.");
        }

        if (!PemEncoding.TryFind(text, out var fields))
        {
            ImportDer(rsa, path, bytes, passphrase);
            return;
        }

        var label = text[fields.Label];
        try
        {
            switch (label)
            {
                case EncryptedPkcs8Label when passphrase is null:
                    throw new SnowflakeConfigurationException(
                        $"The private key file {path} is encrypted but no passphrase is set: set {PassphraseHint}.");
                case EncryptedPkcs8Label:
                    rsa.ImportFromEncryptedPem(text, passphrase);
                    return;
                case Pkcs8Label or Pkcs1Label:
                    // A passphrase set for a plain key (e.g. a global PRIVATE_KEY_PASSPHRASE) is not needed: ignore it.
                    rsa.ImportFromPem(text);
                    return;
                default:
                    throw NotRsa(path, $"a PEM '{label}' block");
            }
        }
        catch (CryptographicException ex) when (label == EncryptedPkcs8Label)
        {
            throw new SnowflakeConfigurationException(
                $"Cannot decrypt the private key file {path}: the passphrase ({PassphraseHint}) is wrong or the file is damaged.",
                ex);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw NotRsa(path, "a damaged or non-RSA key", ex);
        }
    }

    private static void ImportDer(RSA rsa, string path, byte[] bytes, string? passphrase)
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
            throw NotRsa(path, "neither PEM nor a readable PKCS#8 DER key (or the passphrase is wrong)", ex);
        }
    }

    private static SnowflakeConfigurationException NotRsa(string path, string found, Exception? inner = null) =>
        new($"The private key file {path} holds {found}; snowferry needs an RSA private key in PKCS#8 PEM " +
            "(-----BEGIN PRIVATE KEY----- or -----BEGIN ENCRYPTED PRIVATE KEY-----), as made by " +
            "`openssl genrsa 2048 | openssl pkcs8 -topk8 -v2 aes-256-cbc -out rsa_key.p8`.",
            inner);
}
