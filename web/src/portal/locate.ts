// The phone's position (browser geolocation), as [lon, lat].
export function locate(timeoutMs = 10_000): Promise<[number, number]> {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) { reject(new Error('浏览器不支持定位')); return; }
    navigator.geolocation.getCurrentPosition(
      (p) => resolve([p.coords.longitude, p.coords.latitude]),
      (err) => reject(new Error(err.code === err.PERMISSION_DENIED ? '未允许使用位置' : '定位超时或不可用')),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 30_000 },
    );
  });
}
