using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Shop.Domain.Catalog;

namespace Shop.Application.Catalog.SearchProducts;

/// <summary>
/// Where a keyset page ends in the catalog order: the last row's name and id. Opaque to clients: base64url of
/// a version byte, the id, the name in UTF-8 and a check of 8 bytes, so that an edited or truncated cursor is
/// refused instead of read as some other position. The check is a digest, not a signature: a cursor only says
/// where to continue, so forging one gains nothing.
/// </summary>
public sealed record ProductCursor(string Name, Guid Id)
{
    private const byte Version = 1;
    private const int IdLength = 16;
    private const int CheckLength = 8;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The longest text a cursor can be: a 255-character name of 4-byte characters, base64url.</summary>
    public static readonly int MaxLength = Base64Url.GetEncodedLength(1 + IdLength + (Product.MaxNameLength * 4) + CheckLength);

    public string Encode()
    {
        var name = StrictUtf8.GetBytes(Name);
        var bytes = new byte[1 + IdLength + name.Length + CheckLength];
        bytes[0] = Version;
        Id.TryWriteBytes(bytes.AsSpan(1, IdLength), bigEndian: true, out _);
        name.CopyTo(bytes.AsSpan(1 + IdLength));
        Check(bytes.AsSpan(0, bytes.Length - CheckLength)).CopyTo(bytes.AsSpan(bytes.Length - CheckLength));
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryDecode(string? text, out ProductCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || !Base64Url.IsValid(text))
        {
            return false;
        }

        var bytes = Base64Url.DecodeFromChars(text);
        if (bytes.Length < 1 + IdLength + 1 + CheckLength || bytes[0] != Version
            || !Check(bytes.AsSpan(0, bytes.Length - CheckLength)).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - CheckLength))
            || Base64Url.EncodeToString(bytes) != text)
        {
            return false;
        }

        string name;
        try
        {
            name = StrictUtf8.GetString(bytes, 1 + IdLength, bytes.Length - 1 - IdLength - CheckLength);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        if (name.Length > Product.MaxNameLength || name.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        cursor = new ProductCursor(name, new Guid(bytes.AsSpan(1, IdLength), bigEndian: true));
        return true;
    }

    private static byte[] Check(ReadOnlySpan<byte> content) => SHA256.HashData(content)[..CheckLength];
}
