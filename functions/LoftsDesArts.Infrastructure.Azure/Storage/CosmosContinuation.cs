using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace LoftsDesArts.Infrastructure.Azure.Storage;

/// <summary>
/// A query page's continuation: the SDK's own continuation token, wrapped with the name of the query that
/// produced it (base64url of <c>{"q": name, "c": token}</c>), so a token handed to another query is an
/// <see cref="ArgumentException"/> rather than a page of something else.
/// </summary>
internal static class CosmosContinuation
{
    public static string Encode(string queryName, string sdkToken)
    {
        var buffer = new ArrayBufferWriter<byte>(sdkToken.Length + 64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("q", queryName);
            writer.WriteString("c", sdkToken);
            writer.WriteEndObject();
        }

        return Base64Url.EncodeToString(buffer.WrittenSpan);
    }

    public static string Decode(string token, string queryName)
    {
        try
        {
            using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(token));
            var root = document.RootElement;
            if (root.GetProperty("q").GetString() != queryName)
            {
                throw new ArgumentException($"The continuation token belongs to another query than {queryName}.", nameof(token));
            }

            return root.GetProperty("c").GetString() is { Length: > 0 } sdkToken
                ? sdkToken
                : throw new ArgumentException("The continuation token is not valid.", nameof(token));
        }
        catch (Exception ex) when (ex is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ArgumentException("The continuation token is not valid.", nameof(token), ex);
        }
    }
}
