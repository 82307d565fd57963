using System.Buffers;
using System.Diagnostics;
using System.Net;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Operations;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Core.Units;
using LoftsDesArts.Core.Throttling;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoftsDesArts.Http.Pipeline;

/// <summary>
/// The explicit request pipeline both hosts call (DESIGN §3.1). The isolated Functions worker runs no
/// ASP.NET Core middleware, so every cross-cutting step lives here, in this order:
/// authenticate → CSRF → throttle → body cap → validate → authorize → handler → problem details.
/// </summary>
public sealed partial class ApiPipeline(
    IApiAuthenticator authenticator,
    RequestBudget budget,
    IOptions<ApiSecurityOptions> securityOptions,
    ILogger<ApiPipeline> logger)
{
    public const string RoutePrefix = "api";
    public const string LanguageCookie = "lda-lang";

    private static readonly Dictionary<ApiRoute, TemplateMatcher> Matchers = [];
    private static readonly Lock MatchersLock = new();

    public static readonly ActivitySource ActivitySource = new(PortalTelemetry.HttpSourceName);

    public async Task<IResult> InvokeAsync(HttpContext context, ApiRoute route)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(route);
        using var activity = ActivitySource.StartActivity(route.Name);
        if (activity is not null)
        {
            // The route's name and template, never the request's path or query (they may carry ids or tokens).
            activity.SetTag("lda.route", route.Name);
            activity.SetTag("http.route", $"{RoutePrefix}/{route.Template}");
            activity.SetTag("http.request.method", route.Method);
        }

        var call = new ApiCall(context, route, MatchRoute(context.Request.Path, route), ClientAddress(context));
        call.Language = RequestLanguage(context);
        try
        {
            // 1. Authenticate: a session is read on every route, so an anonymous route still knows its caller.
            var authentication = await authenticator.AuthenticateAsync(context, call.Aborted).ConfigureAwait(false);
            call.Principal = authentication.Principal;
            call.SessionExpired = authentication.SessionExpired;
            if (call.Principal is not null)
            {
                activity?.SetTag("enduser.id", call.Principal.UserId);

                // The language the page is shown in (its cookie) wins; else the person's preference.
                if (Languages.TryParse(context.Request.Cookies[LanguageCookie]) is null)
                {
                    call.Language = call.Principal.Language;
                }
            }

            // 2. CSRF: unsafe methods need the custom header and an allowed Origin.
            if (route.IsUnsafe && !PassesCsrfCheck(context))
            {
                return Problems.From(new DomainException(ErrorKind.Forbidden, "csrf", Texts.Errors.CsrfRejected), call.Language);
            }

            // 3. Throttle per client address, before any expensive work.
            if (route.Throttle is { } rule)
            {
                await budget.SpendAsync(rule.Scope, call.ClientAddress, rule.Limit, rule.Window, call.Aborted).ConfigureAwait(false);
            }

            // 4-5. Body cap, then parse and validate.
            if (route.ReadBody is not null)
            {
                call.Body = await ReadBodyAsync(context, route).ConfigureAwait(false);
                if (call.Body is IValidatable validatable)
                {
                    var errors = new FieldErrors();
                    validatable.Validate(errors);
                    if (errors.Any)
                    {
                        return Problems.From(DomainException.Invalid(errors.All), call.Language);
                    }
                }
            }

            // 6. Authorize by route; resource checks follow in the handler.
            Authorize(call);

            // 7. Handler.
            var result = await route.Handler(call).ConfigureAwait(false);
            if (result is IStatusCodeHttpResult { StatusCode: { } status } && status < StatusCodes.Status400BadRequest && status != route.SuccessStatus)
            {
                LogUndocumentedStatus(logger, route.Name, status, route.SuccessStatus);
            }

            return result;
        }
        catch (DomainException ex)
        {
            return Problems.From(ex, call.Language);
        }
        catch (StoreException ex) when (ex.Failure == StoreFailure.PreconditionFailed)
        {
            return Problems.From(DomainException.Stale(), call.Language);
        }
        catch (StoreException ex) when (ex.Failure == StoreFailure.Throttled)
        {
            return Problems.From(new DomainException(ErrorKind.Unavailable, "busy", Texts.Errors.Unavailable) { RetryAfter = ex.RetryAfter ?? TimeSpan.FromSeconds(1) }, call.Language);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return Results.StatusCode(499);
        }
#pragma warning disable CA1031 // The last step of the pipeline: anything unexpected becomes a 500 problem, logged with its trace id.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogUnhandled(logger, ex, route.Name);
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            return Problems.Unexpected(call.Language);
        }
    }

    private static RouteValueDictionary MatchRoute(PathString path, ApiRoute route)
    {
        TemplateMatcher? matcher;
        lock (MatchersLock)
        {
            if (!Matchers.TryGetValue(route, out matcher))
            {
                matcher = new TemplateMatcher(TemplateParser.Parse($"{RoutePrefix}/{route.Template}"), []);
                Matchers[route] = matcher;
            }
        }

        var values = new RouteValueDictionary();
        return matcher.TryMatch(path, values) ? values : new RouteValueDictionary();
    }

    private string ClientAddress(HttpContext context)
    {
        if (securityOptions.Value.TrustForwardedFor
            && context.Request.Headers.TryGetValue("X-Forwarded-For", out var forwarded)
            && forwarded.ToString().Split(',')[0].Trim() is { Length: > 0 } first)
        {
            // Azure front ends append ":port" to IPv4 addresses.
            return IPEndPoint.TryParse(first, out var endpoint) ? endpoint.Address.ToString() : first;
        }

        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    private static Language RequestLanguage(HttpContext context)
    {
        if (Languages.TryParse(context.Request.Cookies[LanguageCookie]) is { } fromCookie)
        {
            return fromCookie;
        }

        var accept = context.Request.Headers.AcceptLanguage.ToString();
        foreach (var part in accept.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Languages.TryParse(part.Split(';')[0]) is { } language)
            {
                return language;
            }
        }

        return Languages.Default;
    }

    private bool PassesCsrfCheck(HttpContext context)
    {
        var request = context.Request;
        if (!request.Headers.ContainsKey(ApiSecurityOptions.CsrfHeader))
        {
            return false;
        }

        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
        {
            return false;
        }

        var allowed = securityOptions.Value.AllowedOrigins;
        if (allowed.Count > 0)
        {
            return allowed.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
        }

        var own = $"{request.Scheme}://{request.Host}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<object?> ReadBodyAsync(HttpContext context, ApiRoute route)
    {
        var request = context.Request;
        if (request.ContentLength > route.MaxBodyBytes)
        {
            throw new DomainException(ErrorKind.PayloadTooLarge, "too-large", Texts.Errors.PayloadTooLarge);
        }

        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        var binary = route.BinaryMediaTypes.Count > 0;
        if (binary ? mediaType is null || !route.BinaryMediaTypes.Contains(mediaType) : mediaType != "application/json")
        {
            throw new DomainException(ErrorKind.UnsupportedMediaType, "unsupported-media-type", Texts.Errors.UnsupportedMediaType);
        }

        // Read at most one byte past the cap, so a body without Content-Length cannot grow unbounded.
        var buffer = ArrayPool<byte>.Shared.Rent(route.MaxBodyBytes + 1);
        try
        {
            var total = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(total, route.MaxBodyBytes + 1 - total), context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > route.MaxBodyBytes)
                {
                    throw new DomainException(ErrorKind.PayloadTooLarge, "too-large", Texts.Errors.PayloadTooLarge);
                }
            }

            return binary
                ? new BinaryBody(buffer.AsSpan(0, total).ToArray(), mediaType!)
                : route.ReadBody!(buffer.AsMemory(0, total));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Authorize(ApiCall call)
    {
        var route = call.Route;
        if (route.Access == RouteAccess.Anonymous && route.Capability is null)
        {
            return;
        }

        var principal = call.Principal ?? throw (call.SessionExpired ? SessionExpired() : DomainException.Unauthenticated());
        if (principal.SessionLocked && !route.AllowsLockedSession)
        {
            throw new DomainException(ErrorKind.Locked, "session-locked", AccessTexts.SessionLocked);
        }

        if (route.Access == RouteAccess.Verified && !principal.EmailVerified)
        {
            throw new DomainException(ErrorKind.Forbidden, "email-unverified", AccessTexts.EmailUnverified);
        }

        if (route.UnitScoped)
        {
            var buildingId = call.RouteValue("buildingId");
            var unitId = UnitDocument.NormalizeNumber(call.RouteValue("unitId"));
            var staffMay = route.Capability is { } staffCapability && principal.IsStaffOf(buildingId) && principal.Can(buildingId, staffCapability);
            if (!staffMay && !principal.IsResidentOf(buildingId, unitId))
            {
                throw DomainException.Forbidden();
            }

            return;
        }

        if (route.Capability is { } capability)
        {
            var buildingId = call.RouteValue("buildingId");
            if (route.StaffOnly && !principal.IsStaffOf(buildingId))
            {
                throw DomainException.Forbidden();
            }

            if (!principal.Can(buildingId, capability))
            {
                throw DomainException.Forbidden();
            }
        }
    }

    private static DomainException SessionExpired() =>
        new(ErrorKind.Unauthenticated, "session-expired", AccessTexts.SessionExpired);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Route {Route} answered {Status}, but the OpenAPI document gives {DocumentedStatus} (ApiRoute.Returns/Redirects)")]
    private static partial void LogUndocumentedStatus(ILogger logger, string route, int status, int documentedStatus);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception in route {Route}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string route);
}
