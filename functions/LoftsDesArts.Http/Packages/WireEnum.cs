using System.Reflection;
using System.Text.Json.Serialization;

namespace LoftsDesArts.Http.Packages;

/// <summary>An enum's names on the wire (its <see cref="JsonStringEnumMemberNameAttribute"/>s), for validating and parsing request strings.</summary>
internal static class WireEnum<T>
    where T : struct, Enum
{
    private static readonly Dictionary<string, T> ByName = typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static)
        .ToDictionary(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name, f => (T)f.GetValue(null)!, StringComparer.Ordinal);

    private static readonly Dictionary<T, string> ByValue = ByName.ToDictionary(p => p.Value, p => p.Key);

    public static IReadOnlyCollection<string> Names { get; } = [.. ByName.Keys];

    public static string Name(T value) => ByValue[value];

    public static T Parse(string value) => ByName[value];

    public static T? ParseOptional(string? value) => string.IsNullOrEmpty(value) ? null : ByName[value];
}
