namespace MentorCloud.Application.Common.Tenancy;

/// <summary>
/// The database servers the operator named in configuration (<c>Tenancy:DatabaseServers:{name}</c>) on which a school may get
/// a database of its own. Callers choose a name; the connection string stays with the operator.
/// </summary>
public interface IDatabaseServers
{
    /// <summary>The configured names, in ordinal order.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>The connection string to <paramref name="database"/> on the named server, or null when no server has that name.</summary>
    string? ConnectionStringFor(string server, string database);
}

public static class DedicatedDatabase
{
    /// <summary>
    /// The database a school gets on a dedicated server. A school code is lowercase letters, digits and '-', so the name needs
    /// no quoting in any connection string and distinct schools never share a database.
    /// </summary>
    public static string NameFor(string schoolCode) => "mc_" + schoolCode.Replace('-', '_');
}
