using System.Collections.Frozen;
using System.Text;
using System.Text.Json.Serialization;

namespace LoftsDesArts.Core.Email;

/// <summary>
/// What one kind of email says, as a typed record. The record's type name is its kind, in kebab
/// case (<c>VerifyEmail</c> → <c>verify-email</c>), and names its templates:
/// <c>Email/Templates/{kind}.fr.liquid</c> and <c>{kind}.en.liquid</c>. To add a kind, add a record
/// deriving from this one in this assembly and its two templates; the template tests pick it up.
/// Properties are read by the templates in camelCase (<c>{{ expiresAt | datetime }}</c>).
/// </summary>
public abstract record EmailModel
{
    [JsonIgnore]
    public string Kind => EmailKinds.NameOf(GetType());
}

/// <summary>The email kinds of this assembly, found once by reflection.</summary>
public static class EmailKinds
{
    private static readonly FrozenDictionary<string, Type> ByName = typeof(EmailModel).Assembly
        .GetTypes()
        .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(EmailModel)))
        .ToFrozenDictionary(NameOf, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static IReadOnlyCollection<Type> Types => ByName.Values;

    public static Type TypeOf(string kind) =>
        ByName.TryGetValue(kind, out var type) ? type : throw new ArgumentException($"Unknown email kind '{kind}'.", nameof(kind));

    /// <summary><c>SignInCode</c> → <c>sign-in-code</c>.</summary>
    public static string NameOf(Type type)
    {
        var name = type.Name;
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
