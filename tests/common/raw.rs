//! Loopback servers that answer with exactly the bytes a test gives, or misbehave on purpose (hang,
//! reset, answer late, echo the request): the hostile and broken answers a real gateway can send.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

/// Reads one request (the head, then the body by Content-Length); `None` when the peer went away first.
pub async fn read_request(sock: &mut TcpStream) -> Option<String> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = sock.read(&mut chunk).await.ok()?;
        if n == 0 {
            return (!buf.is_empty()).then(|| String::from_utf8_lossy(&buf).to_string());
        }
        buf.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&buf).to_string();
        if let Some(end) = text.find("\r\n\r\n") {
            let len = text[..end]
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                })
                .unwrap_or(0);
            if buf.len() >= end + 4 + len {
                return Some(text);
            }
        }
    }
}

/// Serves each scripted answer to one connection, in order, and reports each raw request received.
pub async fn scripted(answers: Vec<Vec<u8>>) -> (String, mpsc::UnboundedReceiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        for answer in answers {
            let Ok((mut sock, _)) = listener.accept().await else {
                return;
            };
            let request = read_request(&mut sock).await.unwrap_or_default();
            let _ = tx.send(request);
            let _ = sock.write_all(&answer).await;
            let _ = sock.shutdown().await;
        }
    });
    (format!("http://{addr}"), rx)
}

pub fn http(status: &str, headers: &[&str], body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for h in headers {
        out.push_str(h);
        out.push_str("\r\n");
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// What a [`hostile`] server does with each request it has read in full.
#[derive(Clone, Debug)]
pub enum Misbehaviour {
    /// Answers with these bytes and closes.
    Answer(Vec<u8>),
    /// Never answers and keeps the connection open.
    Hang,
    /// Resets the connection (RST) without a byte of answer.
    Reset,
    /// Closes the connection cleanly without a byte of answer.
    Close,
    /// Answers with these bytes after this delay.
    Late(Duration, Vec<u8>),
    /// Answers with this status line, the request's secret-bearing header echoed in `X-Request-Id`, a
    /// `Location` and the body, and the whole raw request echoed in the body.
    Echo(&'static str),
}

/// A server that treats every connection the same way; every request it read arrives on the channel, so
/// a test can count them (a state-changing request must arrive exactly once).
pub async fn hostile(how: Misbehaviour) -> (String, mpsc::UnboundedReceiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            let how = how.clone();
            let tx = tx.clone();
            tokio::spawn(async move {
                let Some(request) = read_request(&mut sock).await else {
                    return;
                };
                let _ = tx.send(request.clone());
                match how {
                    Misbehaviour::Answer(bytes) => {
                        let _ = sock.write_all(&bytes).await;
                        let _ = sock.shutdown().await;
                    }
                    Misbehaviour::Hang => {
                        tokio::time::sleep(Duration::from_secs(600)).await;
                    }
                    Misbehaviour::Reset => {
                        // A zero linger makes the drop send RST at once; it never blocks (the
                        // deprecation is about a non-zero linger).
                        #[allow(deprecated)]
                        let _ = sock.set_linger(Some(Duration::ZERO));
                        drop(sock);
                    }
                    Misbehaviour::Close => {
                        let _ = sock.shutdown().await;
                    }
                    Misbehaviour::Late(delay, bytes) => {
                        tokio::time::sleep(delay).await;
                        let _ = sock.write_all(&bytes).await;
                        let _ = sock.shutdown().await;
                    }
                    Misbehaviour::Echo(status) => {
                        let secret_line = request
                            .lines()
                            .filter(|l| {
                                let l = l.to_ascii_lowercase();
                                l.starts_with("authorization:") || l.starts_with("x-auth-token:")
                            })
                            .collect::<Vec<_>>()
                            .join(" ");
                        let body = serde_json::json!({
                            "error_code": "ECHO.1",
                            "error_msg": format!("you sent: {request}"),
                            "request_id": secret_line,
                        })
                        .to_string();
                        let header = format!("X-Request-Id: {secret_line}");
                        let location = format!("Location: https://127.0.0.1/login?{secret_line}");
                        let answer = http(status, &[&header, &location], body.as_bytes());
                        let _ = sock.write_all(&answer).await;
                        let _ = sock.shutdown().await;
                    }
                }
            });
        }
    });
    (format!("http://{addr}"), rx)
}
