import { surveyZhCN } from './survey.zh-CN';

export const zhCN = {
  survey: surveyZhCN,
  app: { name: '鼓楼区居民满意度测评', skipToContent: '跳到正文' },
  language: { label: '语言', switchTo: 'English' },
  network: { online: '在线', offline: '离线：记录保存在本机，联网后再同步' },
  login: {
    title: '登录',
    intro: '网格员、法律顾问、街道与考评办工作人员请使用分配的账号登录。',
    username: '用户名',
    password: '密码',
    submit: '登录',
    submitting: '正在登录…',
    errors: {
      invalid_credentials: '用户名或密码错误。',
      rate_limited: '尝试次数过多，请稍后再试。',
      network: '无法连接服务器。首次登录需要网络，请联网后重试。',
      invalid_request: '请填写用户名和密码。',
      other: '登录失败：{message}',
    },
  },
  session: {
    signOut: '退出登录',
    signedInAs: '当前用户：{name}（{role}）',
    expired: '登录已过期。已保存的记录不会丢失，请重新登录后继续同步。',
    signInAgain: '重新登录',
  },
  roles: {
    grid_worker: '网格员',
    legal_adviser: '法律顾问',
    subdistrict_officer: '街道工作人员',
    supervisor: '考评办',
    admin: '管理员',
  },
  home: {
    title: '{role}工作台',
    empty: '暂无内容',
    gridWorker: { visits: '今日走访', drafts: '未完成的问卷', revisits: '待回访', outbox: '等待同步' },
    legalAdviser: { sessions: '援法议事记录', drafts: '草稿', outbox: '等待同步' },
    subdistrictOfficer: { results: '本街道测评结果', negativeList: '负面评价清单', rectification: '整改进展' },
    supervisor: { scores: '得分与排名', negativeList: '负面评价清单', rectification: '整改跟踪', publish: '结果公开' },
    admin: { users: '用户与角色', organisation: '街道与社区', questionnaires: '问卷模板', rounds: '测评轮次' },
  },
  pwa: {
    updateAvailable: '有新版本可用。',
    update: '立即更新',
    later: '稍后',
    offlineReady: '应用已可离线使用。',
  },
  notFound: { title: '页面不存在', back: '返回首页' },
};
export type Messages = typeof zhCN;
