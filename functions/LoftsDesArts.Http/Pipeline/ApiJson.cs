using System.Text.Json;
using System.Text.Json.Serialization;
using LoftsDesArts.Core.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LoftsDesArts.Http.Pipeline;

/// <summary>The JSON of the API: camelCase, enums as camelCase strings, nulls omitted.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static JsonHttpResult<T> Ok<T>(T value) => TypedResults.Json(value, Options);

    public static JsonHttpResult<T> Created<T>(T value) => TypedResults.Json(value, Options, statusCode: StatusCodes.Status201Created);

    public static JsonHttpResult<T> Accepted<T>(T value) => TypedResults.Json(value, Options, statusCode: StatusCodes.Status202Accepted);

    internal static object? ReadBody<T>(ReadOnlyMemory<byte> utf8)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(utf8.Span, Options)
                ?? throw new DomainException(ErrorKind.Validation, "malformed-body", Texts.Errors.MalformedBody);
        }
        catch (JsonException ex)
        {
            // Valid JSON with a value of the wrong type ({"maxUses": "four"}) names its field, like any other field error.
            var field = IsWellFormed(utf8) ? FieldOf(ex.Path) : null;
            throw new DomainException(ErrorKind.Validation, "malformed-body", Texts.Errors.MalformedBody)
            {
                FieldErrors = field is null ? new Dictionary<string, LocalizedText>() : new Dictionary<string, LocalizedText> { [field] = Texts.Fields.WrongType },
            };
        }
    }

    private static bool IsWellFormed(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary><c>$.email</c> → <c>email</c>; <c>$</c>, <c>$[0]</c> or no path (syntax errors) → none.</summary>
    private static string? FieldOf(string? path)
    {
        if (path is not { Length: > 2 } || !path.StartsWith("$.", StringComparison.Ordinal))
        {
            return null;
        }

        var name = path[2..].Split('.', '[')[0];
        return name.Length is > 0 and <= 64 ? name : null;
    }
}
