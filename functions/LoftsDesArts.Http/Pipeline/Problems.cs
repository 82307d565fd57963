using System.Diagnostics;
using LoftsDesArts.Core.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace LoftsDesArts.Http.Pipeline;

/// <summary>
/// RFC 9457 problem details in the caller's language: a stable <c>code</c>, a translated
/// <c>title</c>, per-field <c>errors</c> and the trace id to quote to support.
/// </summary>
public static class Problems
{
    public const string TypeBase = "https://loftsdesarts.ca/problems/";

    public static IResult From(DomainException exception, Language language)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var status = exception.Kind switch
        {
            ErrorKind.Validation => StatusCodes.Status400BadRequest,
            ErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            ErrorKind.Gone => StatusCodes.Status410Gone,
            ErrorKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
            ErrorKind.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
            ErrorKind.Locked => StatusCodes.Status423Locked,
            ErrorKind.Throttled => StatusCodes.Status429TooManyRequests,
            ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
            ErrorKind.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
            _ => StatusCodes.Status500InternalServerError,
        };

        var problem = new ProblemDetails
        {
            Type = TypeBase + exception.Code,
            Title = exception.Title.In(language),
            Status = status,
            Detail = exception.Detail?.In(language),
        };
        problem.Extensions["code"] = exception.Code;
        if (exception.FieldErrors.Count > 0)
        {
            problem.Extensions["errors"] = exception.FieldErrors.ToDictionary(e => e.Key, e => e.Value.In(language), StringComparer.Ordinal);
        }

        foreach (var (key, value) in exception.Extensions)
        {
            problem.Extensions[key] = value;
        }

        if (exception.RetryAfter is { } retryAfter)
        {
            problem.Extensions["retryAfterSeconds"] = (int)Math.Ceiling(retryAfter.TotalSeconds);
        }

        return new ProblemResult(problem, language, exception.RetryAfter);
    }

    public static IResult Unexpected(Language language) =>
        new ProblemResult(
            new ProblemDetails
            {
                Type = TypeBase + "unexpected",
                Title = Texts.Errors.Unexpected.In(language),
                Status = StatusCodes.Status500InternalServerError,
                Extensions = { ["code"] = "unexpected" },
            },
            language,
            null);

    /// <summary>Writes application/problem+json with Content-Language, Retry-After and the trace id.</summary>
    private sealed class ProblemResult(ProblemDetails problem, Language language, TimeSpan? retryAfter) : IResult, IStatusCodeHttpResult, IValueHttpResult
    {
        public int? StatusCode => problem.Status;

        public object? Value => problem;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? httpContext.TraceIdentifier;
            httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
            httpContext.Response.Headers.ContentLanguage = language.Code();
            if (retryAfter is { } wait)
            {
                httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return httpContext.Response.WriteAsJsonAsync(problem, ApiJson.Options, "application/problem+json", httpContext.RequestAborted);
        }
    }
}
