namespace LoftsDesArts.Http.Pipeline;

/// <summary>The raw body of a binary route (<see cref="ApiRoute.PutBinary"/>) and its media type, already capped in size.</summary>
public sealed record BinaryBody(ReadOnlyMemory<byte> Content, string MediaType);
