using System.Net;

namespace MentorCloud.WebApi.Infrastructure;

/// <summary>The caller's address as rate limits and sign-in lockouts key it: the connection's, or the forwarded one from a trusted proxy.</summary>
public static class ClientAddress
{
    public static string Of(HttpContext context) => context.Connection.RemoteIpAddress switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4().ToString(),
        // Without the scope id ("%eth0"), so one host has one key.
        var address => new IPAddress(address.GetAddressBytes()).ToString(),
    };
}
