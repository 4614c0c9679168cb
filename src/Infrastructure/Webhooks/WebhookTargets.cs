using System.Net;
using System.Net.Sockets;
using MentorCloud.Application.Webhooks;
using Microsoft.Extensions.Options;

namespace MentorCloud.Infrastructure.Webhooks;

/// <summary>
/// The SSRF guard. A webhook may go to a public address only: every address its host resolves to is checked, at
/// registration and again when connecting (the connection goes to the addresses checked, so a DNS answer that changes in
/// between cannot point it inside). Hosts on <c>Webhooks:AllowedHosts</c> are exempt.
/// </summary>
public sealed class WebhookTargets(IOptions<WebhookOptions> options) : IWebhookTargets
{
    public async Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken)
    {
        if (url.Scheme is not ("http" or "https")) return "only http and https URLs receive webhooks";
        if (options.Value.Allows(url.IdnHost.Trim('[', ']'))) return null;
        try
        {
            await ResolveAsync(url.IdnHost, cancellationToken);
            return null;
        }
        catch (WebhookTargetRefusedException refused)
        {
            return refused.Message;
        }
    }

    /// <summary>The addresses to connect to for <paramref name="host"/>; refused when any of them is not public.</summary>
    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var bare = host.Trim('[', ']');
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(bare, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(bare, cancellationToken);
        }
        catch (SocketException)
        {
            throw new WebhookTargetRefusedException($"the host '{host}' does not resolve");
        }
        if (options.Value.Allows(bare)) return addresses;
        if (addresses.Length == 0) throw new WebhookTargetRefusedException($"the host '{host}' does not resolve");
        if (addresses.FirstOrDefault(a => !IsPublic(a)) is { } inside)
            throw new WebhookTargetRefusedException($"the host '{host}' resolves to {inside}, a private, loopback or link-local address");
        return addresses;
    }

    /// <summary>Opens the connection of a webhook request to the addresses <see cref="ResolveAsync"/> allowed.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(context.DnsEndPoint.Host, cancellationToken);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast)) return false;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal || address.IsIPv6Teredo
                     || NonPublic.Any(n => n.Contains(address)));
        return !NonPublic.Any(n => n.Contains(address));
    }

    private static readonly IPNetwork[] NonPublic =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("64:ff9b::/96"),
    ];
}

/// <summary>The webhook's host is not a public address.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);
