namespace LoftsDesArts.Core.Common;

/// <summary>What went wrong, in terms the HTTP layer maps to a status code.</summary>
public enum ErrorKind
{
    Validation,
    Unauthenticated,
    Forbidden,
    NotFound,
    Conflict,
    PreconditionFailed,
    Gone,
    PayloadTooLarge,
    Locked,
    Throttled,
    Unavailable,

    /// <summary>The request body is not in a format the route reads (not JSON).</summary>
    UnsupportedMediaType,
}

/// <summary>
/// A failure the caller should understand: a stable machine code, a bilingual title and optional
/// per-field messages. Anything else that escapes a handler is a 500 with a generic message.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(ErrorKind kind, string code, LocalizedText title, LocalizedText? detail = null)
        : base(code)
    {
        Kind = kind;
        Code = code;
        Title = title;
        Detail = detail;
    }

    public DomainException()
        : this(ErrorKind.Validation, "error", Texts.Errors.Generic)
    {
    }

    public DomainException(string message)
        : this(ErrorKind.Validation, message, Texts.Errors.Generic)
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = ErrorKind.Validation;
        Code = message;
        Title = Texts.Errors.Generic;
    }

    public ErrorKind Kind { get; }

    public string Code { get; }

    public LocalizedText Title { get; }

    public LocalizedText? Detail { get; }

    /// <summary>Per-field messages, keyed by the JSON property name (camelCase).</summary>
    public IReadOnlyDictionary<string, LocalizedText> FieldErrors { get; init; } =
        new Dictionary<string, LocalizedText>();

    /// <summary>More structured detail for the problem document (already in the caller's language).</summary>
    public IReadOnlyDictionary<string, object> Extensions { get; init; } = new Dictionary<string, object>();

    /// <summary>For <see cref="ErrorKind.Throttled"/>: how long the caller should wait.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static DomainException NotFound(string code, LocalizedText title) => new(ErrorKind.NotFound, code, title);

    public static DomainException Conflict(string code, LocalizedText title) => new(ErrorKind.Conflict, code, title);

    public static DomainException Forbidden() => new(ErrorKind.Forbidden, "forbidden", Texts.Errors.Forbidden);

    public static DomainException Unauthenticated() =>
        new(ErrorKind.Unauthenticated, "unauthenticated", Texts.Errors.Unauthenticated);

    public static DomainException Stale() =>
        new(ErrorKind.PreconditionFailed, "stale", Texts.Errors.Stale);

    public static DomainException Invalid(IReadOnlyDictionary<string, LocalizedText> fieldErrors) =>
        new(ErrorKind.Validation, "validation", Texts.Errors.Validation) { FieldErrors = fieldErrors };

    public static DomainException Invalid(string field, LocalizedText message) =>
        Invalid(new Dictionary<string, LocalizedText> { [field] = message });
}
