/**
 * Demo alerts with Vietnamese titles, one sector each as the layouts filter them (docs/topics.md,
 * "Alerts are not topics"): random incidents raised now and then and cleared a few minutes later,
 * plus rules on the demo values (a flood alert while the Gành Hào river is above alarm level I, a
 * heavy-rain warning during a downpour).
 */
import type { Severity } from '../../core/wall/model.js';
import { formatNumber } from '../../core/wall/format.js';

export interface AlertTemplate {
  severity: Severity;
  sector: string;
  area: string;
  district: string;
  title: string;
  message: string;
}

export const ALERT_TEMPLATES: readonly AlertTemplate[] = [
  { severity: 'major', sector: 'traffic', area: 'Quốc lộ 1, Tắc Vân', district: 'tp-ca-mau', title: 'Ùn tắc kéo dài trên Quốc lộ 1, đoạn Tắc Vân', message: 'Hàng xe dài khoảng 1,5 km theo hướng về TP Cà Mau. CSGT đang phân luồng.' },
  { severity: 'minor', sector: 'traffic', area: 'Đường Trần Hưng Đạo', district: 'tp-ca-mau', title: 'Va chạm giữa xe máy và ô tô trên đường Trần Hưng Đạo', message: 'Một làn đường bị chiếm dụng, không có thương vong nghiêm trọng.' },
  { severity: 'warning', sector: 'traffic', area: 'Quốc lộ 63, Thới Bình', district: 'thoi-binh', title: 'Xe tải hỏng chiếm một làn Quốc lộ 63', message: 'Đã điều xe cứu hộ đến hiện trường.' },
  { severity: 'minor', sector: 'flood', area: 'Huyện Trần Văn Thời', district: 'tran-van-thoi', title: 'Triều cường gây ngập cục bộ tuyến đường ven sông', message: 'Mức ngập 0,2–0,3 m, đề nghị người dân hạn chế lưu thông.' },
  { severity: 'major', sector: 'flood', area: 'Huyện Ngọc Hiển', district: 'ngoc-hien', title: 'Sạt lở bờ bao ven biển tại xã Tân Ân', message: 'Khoảng 40 m bờ bao bị sạt lở, lực lượng địa phương đang gia cố.' },
  { severity: 'info', sector: 'public-service', area: 'Khánh Hòa', district: 'tp-ca-mau', title: 'Cổng dịch vụ công Khánh Hòa bảo trì 22:00–23:00', message: 'Hồ sơ nộp trong thời gian bảo trì sẽ được tiếp nhận sau 23:00.' },
  { severity: 'warning', sector: 'public-service', area: 'TP Cà Mau', district: 'tp-ca-mau', title: 'Tỷ lệ hồ sơ quá hạn tăng tại bộ phận một cửa', message: '12 hồ sơ quá hạn trong ngày, đề nghị kiểm tra.' },
  { severity: 'warning', sector: 'environment', area: 'Trạm TP Cà Mau', district: 'tp-ca-mau', title: 'AQI trạm TP Cà Mau ở mức kém', message: 'Chỉ số VN_AQI vượt 150. Nhóm nhạy cảm hạn chế hoạt động ngoài trời.' },
  { severity: 'major', sector: 'environment', area: 'Vườn quốc gia U Minh Hạ', district: 'u-minh', title: 'Cảnh báo cháy rừng cấp IV tại U Minh Hạ', message: 'Nguy cơ cháy rừng cao, tăng cường tuần tra.' },
  { severity: 'major', sector: 'security', area: 'Phường 5, TP Cà Mau', district: 'tp-ca-mau', title: 'Cháy nhà dân tại phường 5, TP Cà Mau', message: 'Lực lượng PCCC đã có mặt, đang khống chế đám cháy.' },
  { severity: 'minor', sector: 'security', area: 'Huyện Cái Nước', district: 'cai-nuoc', title: 'Tụ tập gây rối trật tự công cộng', message: 'Công an xã đã có mặt giải quyết.' },
  { severity: 'minor', sector: 'epidemic', area: 'Huyện Đầm Dơi', district: 'dam-doi', title: 'Ổ dịch sốt xuất huyết mới tại huyện Đầm Dơi', message: 'Ghi nhận 4 ca trong cùng một ấp. Triển khai phun hóa chất diệt muỗi.' },
  { severity: 'critical', sector: 'emergency', area: 'Năm Căn', district: 'nam-can', title: 'Sơ tán dân khỏi vùng sạt lở bờ bao, Năm Căn', message: 'Di dời 35 hộ dân đến điểm sơ tán tập trung.' },
];

/** Gành Hào at Cà Mau station: alarm level I (demo figure, metres above datum). */
export const GANH_HAO_ALARM_1 = 1.0;
export const HEAVY_RAIN_MM_H = 40;

export type RuleAlert = AlertTemplate & { id: string };

/** Numbers in alert texts as the wall writes them: Vietnamese decimal comma ("1,12 m", as "1,5 km"). */

export function ganhHaoAlert(level: number, now: number): RuleAlert {
  return {
    id: `demo-flood-ganh-hao-${now.toString(36)}`,
    severity: level >= GANH_HAO_ALARM_1 + 0.1 ? 'major' : 'minor',
    sector: 'flood',
    area: 'Sông Gành Hào, trạm Cà Mau',
    district: 'tp-ca-mau',
    title: `Mực nước sông Gành Hào vượt báo động I (${formatNumber(level, 2, 'vi')} m)`,
    message: 'Triều cường kết hợp mưa. Theo dõi các tuyến đê bao và khu dân cư ven sông.',
  };
}

export function heavyRainAlert(rate: number, now: number): RuleAlert {
  return {
    id: `demo-rain-tp-ca-mau-${now.toString(36)}`,
    severity: 'warning',
    sector: 'flood',
    area: 'TP Cà Mau',
    district: 'tp-ca-mau',
    title: `Mưa lớn tại TP Cà Mau (${Math.round(rate)} mm/giờ)`,
    message: 'Nguy cơ ngập úng cục bộ tại các tuyến đường trũng thấp.',
  };
}
