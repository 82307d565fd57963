namespace LoftsDesArts.Http.Pipeline;

/// <summary>
/// The shape of every error answer (<c>application/problem+json</c>, RFC 9457) as <see cref="Problems"/>
/// writes it, for the OpenAPI document and the web client's types. Not used to write answers.
/// </summary>
/// <param name="Type">A URI naming the problem: <c>https://loftsdesarts.ca/problems/{code}</c>.</param>
/// <param name="Title">Short description in the caller's language.</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="Detail">More, in the caller's language, when there is more to say.</param>
/// <param name="Code">Stable, machine-readable code the client reacts to (for example <c>invalid-credentials</c>).</param>
/// <param name="Errors">Per-field messages in the caller's language, for validation problems.</param>
/// <param name="TraceId">The trace id to quote to support.</param>
/// <param name="RetryAfterSeconds">When to try again (also in the <c>Retry-After</c> header), for throttled and busy answers.</param>
/// <param name="Rows">The wrong rows of a rejected unit import (<c>import-invalid</c>).</param>
public sealed record ApiProblem(
    string Type,
    string Title,
    int Status,
    string? Detail,
    string Code,
    IReadOnlyDictionary<string, string>? Errors,
    string TraceId,
    int? RetryAfterSeconds,
    IReadOnlyList<Units.ImportRowError>? Rows);
