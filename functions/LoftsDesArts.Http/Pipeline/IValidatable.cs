using System.Net.Mail;
using LoftsDesArts.Core.Common;

namespace LoftsDesArts.Http.Pipeline;

/// <summary>A request body that checks itself; the pipeline runs it before authorization and the handler.</summary>
public interface IValidatable
{
    void Validate(FieldErrors errors);
}

/// <summary>Collects one message per field, in both languages, keyed by the JSON property name.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, LocalizedText> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public IReadOnlyDictionary<string, LocalizedText> All => _errors;

    public void Add(string field, LocalizedText message) => _errors.TryAdd(field, message);

    /// <summary>Required, trimmed, within <paramref name="maxLength"/> (and <paramref name="minLength"/>).</summary>
    public bool Text(string field, string? value, int maxLength, int minLength = 1, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, Texts.Fields.Required);
            }

            return !required;
        }

        var length = value.Trim().Length;
        if (length > maxLength)
        {
            Add(field, Texts.Fields.TooLong.Format(maxLength));
            return false;
        }

        if (length < minLength)
        {
            Add(field, Texts.Fields.TooShort.Format(minLength));
            return false;
        }

        return true;
    }

    public bool Email(string field, string? value)
    {
        if (!Text(field, value, 254))
        {
            return false;
        }

        if (!IsEmail(value!))
        {
            Add(field, Texts.Fields.InvalidEmail);
            return false;
        }

        return true;
    }

    public bool OneOf(string field, string? value, IReadOnlyCollection<string> allowed, bool required = true)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                Add(field, Texts.Fields.Required);
            }

            return !required;
        }

        if (!allowed.Contains(value))
        {
            Add(field, Texts.Fields.InvalidChoice);
            return false;
        }

        return true;
    }

    public bool Range(string field, int? value, int min, int max, bool required = true)
    {
        if (value is null)
        {
            if (required)
            {
                Add(field, Texts.Fields.Required);
            }

            return !required;
        }

        if (value < min || value > max)
        {
            Add(field, Texts.Fields.OutOfRange.Format(min, max));
            return false;
        }

        return true;
    }

    /// <summary>A practical check: one @, a dot in the domain, no spaces, parseable as an address.</summary>
    public static bool IsEmail(string value)
    {
        var trimmed = value.Trim();
        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != trimmed.LastIndexOf('@') || trimmed.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        var domain = trimmed[(at + 1)..];
        if (domain.Length < 3 || !domain.Contains('.', StringComparison.Ordinal) || domain.StartsWith('.') || domain.EndsWith('.'))
        {
            return false;
        }

        return MailAddress.TryCreate(trimmed, out var parsed) && parsed.Address == trimmed;
    }
}
