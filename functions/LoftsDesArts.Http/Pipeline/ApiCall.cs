using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LoftsDesArts.Http.Pipeline;

/// <summary>What a handler gets: the request, the caller, their language, route values and services.</summary>
public sealed class ApiCall
{
    internal ApiCall(HttpContext http, ApiRoute route, RouteValueDictionary routeValues, string clientAddress)
    {
        Http = http;
        Route = route;
        RouteValues = routeValues;
        ClientAddress = clientAddress;
    }

    public HttpContext Http { get; }

    public ApiRoute Route { get; }

    public RouteValueDictionary RouteValues { get; }

    /// <summary>The client's address (after trusted forwarding headers), for throttling and audit.</summary>
    public string ClientAddress { get; }

    public CallerPrincipal? Principal { get; internal set; }

    /// <summary>A session was presented but its access token expired: the client should refresh.</summary>
    public bool SessionExpired { get; internal set; }

    public Language Language { get; internal set; } = Languages.Default;

    public object? Body { get; internal set; }

    public IServiceProvider Services => Http.RequestServices;

    public CancellationToken Aborted => Http.RequestAborted;

    public TimeProvider Clock => Services.GetRequiredService<TimeProvider>();

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>The signed-in caller; the pipeline has already refused anonymous calls to non-anonymous routes.</summary>
    public CallerPrincipal Caller => Principal ?? throw DomainException.Unauthenticated();

    public string RouteValue(string name) =>
        RouteValues.TryGetValue(name, out var value) && value?.ToString() is { Length: > 0 } text
            ? Uri.UnescapeDataString(text)
            : throw DomainException.NotFound("route", Texts.Errors.NotFound);

    /// <summary>The building named by the route, already authorized when the route declares a capability.</summary>
    public string BuildingId => RouteValue("buildingId");

    public string UserAgent => Http.Request.Headers.UserAgent.ToString();
}
