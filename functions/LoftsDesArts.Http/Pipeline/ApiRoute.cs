using LoftsDesArts.Core.Access;
using Microsoft.AspNetCore.Http;

namespace LoftsDesArts.Http.Pipeline;

/// <summary>Who may reach a route before any resource check.</summary>
public enum RouteAccess
{
    /// <summary>Anyone; a session is still read if present.</summary>
    Anonymous,

    /// <summary>A signed-in account, even with an unverified email (to verify it, or to sign out).</summary>
    SignedIn,

    /// <summary>A signed-in account with a verified email: every route that reaches resident data.</summary>
    Verified,
}

/// <summary>
/// One route of the HTTP surface, defined once and served by both hosts. The template is relative to
/// <c>/api</c> (the Functions route prefix). The pipeline runs the same steps for every route:
/// authenticate → CSRF → throttle → body cap → validate → authorize → handler → problem details.
/// </summary>
public sealed class ApiRoute
{
    private ApiRoute(string name, string method, string template, Func<ApiCall, Task<IResult>> handler)
    {
        Name = name;
        Method = method;
        Template = template;
        Handler = handler;
    }

    /// <summary>Stable name: the Functions function name and the self-host endpoint name.</summary>
    public string Name { get; }

    public string Method { get; }

    /// <summary>Route template without the <c>api/</c> prefix, for example <c>buildings/{buildingId}/units</c>.</summary>
    public string Template { get; }

    public RouteAccess Access { get; private init; } = RouteAccess.Verified;

    /// <summary>
    /// When set, the caller must hold this capability in the building named by the <c>buildingId</c>
    /// route value; the handler then uses that id as the partition key.
    /// </summary>
    public Capability? Capability { get; private init; }

    /// <summary>Staff-only routes refuse resident accounts even if a capability would allow them.</summary>
    public bool StaffOnly { get; private init; }

    /// <summary>
    /// A unit's own route (<c>…/units/{unitId}/…</c>): residents of that unit may call it, and staff of the
    /// building who hold <see cref="Capability"/>. Nobody else, whatever their other memberships.
    /// </summary>
    public bool UnitScoped { get; private init; }

    /// <summary>For a binary body (a photo): the media types it accepts; empty for JSON routes.</summary>
    public IReadOnlyList<string> BinaryMediaTypes { get; private init; } = [];

    /// <summary>Reachable while the desk session is locked (unlock, sign-out, the caller's own profile).</summary>
    public bool AllowsLockedSession { get; private init; }

    public Type? BodyType { get; private init; }

    public Type? ResponseType { get; private init; }

    /// <summary>
    /// The status of a successful answer, for the OpenAPI document: the one given to <see cref="Returns{TResponse}"/>
    /// or <see cref="Redirects"/>, else 200 with a response type and 204 without. The pipeline logs a warning
    /// when a handler answers another success status, so the document cannot drift silently.
    /// </summary>
    public int SuccessStatus => SuccessStatusOverride ?? (ResponseType is null ? StatusCodes.Status204NoContent : StatusCodes.Status200OK);

    private int? SuccessStatusOverride { get; init; }

    /// <summary>Optional query parameters the handler reads (name and allowed values; none: any string), for the OpenAPI document.</summary>
    public IReadOnlyList<QueryParameter> QueryParameters { get; private init; } = [];

    /// <summary>Error statuses whose body is the route's response type rather than a problem (readiness's 503), for the OpenAPI document.</summary>
    public IReadOnlyList<int> BodyErrorStatuses { get; private init; } = [];

    /// <summary>The media type of a successful answer that is a file (<see cref="ReturnsFile"/>); null for JSON.</summary>
    public string? ResponseMediaType { get; private init; }

    public int MaxBodyBytes { get; private init; } = 32 * 1024;

    public ThrottleRule? Throttle { get; private init; }

    public string? Summary { get; private init; }

    public string Tag => Template.Split('/')[0];

    internal Func<ApiCall, Task<IResult>> Handler { get; }

    internal Func<ReadOnlyMemory<byte>, object?>? ReadBody { get; private init; }

    public bool IsUnsafe => !HttpMethods.IsGet(Method) && !HttpMethods.IsHead(Method) && !HttpMethods.IsOptions(Method);

    public static ApiRoute Get(string name, string template, Func<ApiCall, Task<IResult>> handler) =>
        new(name, HttpMethods.Get, template, handler);

    public static ApiRoute Delete(string name, string template, Func<ApiCall, Task<IResult>> handler) =>
        new(name, HttpMethods.Delete, template, handler);

    /// <summary>A POST without a body (an action on the resource named by the route).</summary>
    public static ApiRoute Post(string name, string template, Func<ApiCall, Task<IResult>> handler) =>
        new(name, HttpMethods.Post, template, handler);

    public static ApiRoute Post<TBody>(string name, string template, Func<ApiCall, TBody, Task<IResult>> handler)
        where TBody : class => WithBody(HttpMethods.Post, name, template, handler);

    public static ApiRoute Put<TBody>(string name, string template, Func<ApiCall, TBody, Task<IResult>> handler)
        where TBody : class => WithBody(HttpMethods.Put, name, template, handler);

    public static ApiRoute Patch<TBody>(string name, string template, Func<ApiCall, TBody, Task<IResult>> handler)
        where TBody : class => WithBody(HttpMethods.Patch, name, template, handler);

    /// <summary>A PUT whose body is raw bytes of one of <paramref name="mediaTypes"/>, at most <paramref name="maxBytes"/>.</summary>
    public static ApiRoute PutBinary(string name, string template, Func<ApiCall, BinaryBody, Task<IResult>> handler, int maxBytes, params string[] mediaTypes) =>
        new(name, HttpMethods.Put, template, call => handler(call, (BinaryBody)call.Body!))
        {
            BodyType = typeof(BinaryBody),
            BinaryMediaTypes = mediaTypes,
            MaxBodyBytes = maxBytes,
            ReadBody = bytes => bytes,
        };

    private static ApiRoute WithBody<TBody>(string method, string name, string template, Func<ApiCall, TBody, Task<IResult>> handler)
        where TBody : class =>
        new(name, method, template, call => handler(call, (TBody)call.Body!))
        {
            BodyType = typeof(TBody),
            ReadBody = ApiJson.ReadBody<TBody>,
        };

    public ApiRoute AllowAnonymous() => With(access: RouteAccess.Anonymous);

    public ApiRoute RequireSignedIn() => With(access: RouteAccess.SignedIn);

    public ApiRoute RequireCapability(Capability capability, bool staffOnly = true) =>
        With(capability: capability, staffOnly: staffOnly);

    /// <summary>A unit's route: its residents, or the building's staff holding <paramref name="staffCapability"/>.</summary>
    public ApiRoute RequireUnitAccess(Capability staffCapability) =>
        With(capability: staffCapability, staffOnly: false, unitScoped: true);

    /// <summary>A unit's route for its residents only: what they decide for themselves (their pickup code, their preferences).</summary>
    public ApiRoute RequireUnitResident() => With(unitScoped: true);

    public ApiRoute AllowLockedSession() => With(allowsLocked: true);

    /// <summary>The JSON body of a successful answer, and its status (200, 201 Created, 202 Accepted).</summary>
    public ApiRoute Returns<TResponse>(int statusCode = StatusCodes.Status200OK) => With(responseType: typeof(TResponse), successStatus: statusCode);

    /// <summary>A successful answer is a file of <paramref name="mediaType"/> (a photo), not JSON.</summary>
    public ApiRoute ReturnsFile(string mediaType) => With(successStatus: StatusCodes.Status200OK, responseMediaType: mediaType);

    /// <summary>A successful answer is a redirect (302) to another page, not JSON.</summary>
    public ApiRoute Redirects() => With(successStatus: StatusCodes.Status302Found);

    /// <summary>The handler also answers this error status with the response type's body, not a problem.</summary>
    public ApiRoute AlsoReturnsBodyOn(int statusCode) => With(bodyErrorStatuses: [.. BodyErrorStatuses, statusCode]);

    /// <summary>Documents an optional query parameter the handler reads.</summary>
    public ApiRoute WithQuery(string name, params string[] allowedValues) =>
        With(queryParameters: [.. QueryParameters, new QueryParameter(name, allowedValues)]);

    public ApiRoute LimitBody(int maxBytes) => With(maxBodyBytes: maxBytes);

    public ApiRoute Throttled(ThrottleRule rule) => With(throttle: rule);

    public ApiRoute Describe(string summary) => With(summary: summary);

    private ApiRoute With(
        RouteAccess? access = null,
        Capability? capability = null,
        bool? staffOnly = null,
        bool? unitScoped = null,
        Type? responseType = null,
        int? maxBodyBytes = null,
        ThrottleRule? throttle = null,
        string? summary = null,
        bool? allowsLocked = null,
        int? successStatus = null,
        IReadOnlyList<QueryParameter>? queryParameters = null,
        IReadOnlyList<int>? bodyErrorStatuses = null,
        string? responseMediaType = null) =>
        new(Name, Method, Template, Handler)
        {
            Access = access ?? Access,
            Capability = capability ?? Capability,
            StaffOnly = staffOnly ?? StaffOnly,
            UnitScoped = unitScoped ?? UnitScoped,
            BinaryMediaTypes = BinaryMediaTypes,
            AllowsLockedSession = allowsLocked ?? AllowsLockedSession,
            BodyType = BodyType,
            ReadBody = ReadBody,
            ResponseType = responseType ?? ResponseType,
            MaxBodyBytes = maxBodyBytes ?? MaxBodyBytes,
            Throttle = throttle ?? Throttle,
            Summary = summary ?? Summary,
            SuccessStatusOverride = successStatus ?? SuccessStatusOverride,
            QueryParameters = queryParameters ?? QueryParameters,
            BodyErrorStatuses = bodyErrorStatuses ?? BodyErrorStatuses,
            ResponseMediaType = responseMediaType ?? ResponseMediaType,
        };
}

/// <summary>An optional query parameter of a route: its name and, when the set is closed, its values.</summary>
public sealed record QueryParameter(string Name, IReadOnlyList<string> AllowedValues);
