using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoftsDesArts.Core.Storage;

/// <summary>
/// The one JSON shape of stored documents, shared by every adapter: camelCase, enums as strings,
/// nulls omitted, and instants as fixed-width UTC so that string order is time order.
/// </summary>
public static class StoreJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.Converters.Add(new UtcInstantConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Formats an instant the way documents store it, for use as a query argument.</summary>
    public static string Instant(DateTimeOffset value) =>
        value.UtcDateTime.ToString(UtcInstantConverter.Format, CultureInfo.InvariantCulture);

    private sealed class UtcInstantConverter : JsonConverter<DateTimeOffset>
    {
        public const string Format = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'";

        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Instant(value));
    }
}
