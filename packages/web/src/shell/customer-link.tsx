/** A customer as lists show one: the code, opening the 360 view, and the name beside it, cut to fit. */
import { Space, Typography } from "antd";
import { Link } from "react-router";

export function CustomerLink({
  code,
  name,
  maxWidth,
}: {
  code: string;
  name: string | null;
  maxWidth: number;
}) {
  return (
    <Space size={4} style={{ whiteSpace: "nowrap" }}>
      <Link to={`/customers/${encodeURIComponent(code)}`}>{code}</Link>
      <Typography.Text type="secondary" ellipsis={{ tooltip: name }} style={{ maxWidth }}>
        {name ?? ""}
      </Typography.Text>
    </Space>
  );
}
